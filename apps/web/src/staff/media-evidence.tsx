import type { CaseDetail } from '@atrium/sdk';
import { type ReactNode, useState } from 'react';
import { formatDuration } from '../lib/text.js';
import { Facts } from './case-content.js';
import type { StaffMessageKey } from './i18n/en.js';
import { useST } from './use-staff.js';

// What the media checks found in a case's images (docs/media.md, "What moderators and authors
// see"): each finding beside the image it was found in, its box drawn over the picture.

type Finding = CaseDetail['mediaEvidence'][number];

const CHECKERS = ['ocr', 'explicit', 'hash'] as const;
const ACTIONS = ['allow', 'label', 'withhold', 'review', 'block'] as const;

/**
 * The checked image with the finding's box over it. The box is in the checked image's pixels;
 * it is drawn in percent of the image's natural size, so it follows the image as it scales.
 */
function CheckedImage({ finding, label }: { finding: Finding; label: string }) {
  const { st } = useST();
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const box = finding.box;
  const percent = (value: number, of: number) => `${(Math.max(0, value) / of) * 100}%`;
  return (
    <a href={finding.url} target="_blank" rel="noreferrer" className="finding-image">
      <img
        src={finding.url}
        alt={label}
        onLoad={(event) => {
          const image = event.currentTarget;
          if (image.naturalWidth > 0)
            setNatural({ width: image.naturalWidth, height: image.naturalHeight });
        }}
      />
      {box && natural ? (
        <span
          className="finding-box"
          data-testid="finding-box"
          title={st('staff.media.box', {
            x: Math.round(box.x),
            y: Math.round(box.y),
            width: Math.round(box.width),
            height: Math.round(box.height),
          })}
          style={{
            left: percent(box.x, natural.width),
            top: percent(box.y, natural.height),
            width: percent(Math.min(box.width, natural.width - box.x), natural.width),
            height: percent(Math.min(box.height, natural.height - box.y), natural.height),
          }}
        />
      ) : null}
    </a>
  );
}

/** A model's classes, highest score first, as "Porn 0.99, Neutral 0.01". */
function classesText(classes: unknown): string | null {
  if (!classes || typeof classes !== 'object') return null;
  const entries = Object.entries(classes as Record<string, unknown>).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number',
  );
  if (entries.length === 0) return null;
  return entries
    .sort((a, b) => b[1] - a[1])
    .map(([name, score]) => `${name} ${score.toFixed(2)}`)
    .join(', ');
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function MediaEvidence({ kase }: { kase: CaseDetail }) {
  const { st } = useST();
  const findings = kase.mediaEvidence;
  if (findings.length === 0) return null;
  const checkerName = (checker: string) =>
    (CHECKERS as readonly string[]).includes(checker)
      ? st(`staff.media.checker.${checker as (typeof CHECKERS)[number]}` as StaffMessageKey)
      : checker;
  const actionName = (action: string) =>
    (ACTIONS as readonly string[]).includes(action)
      ? st(`staff.media.action.${action as (typeof ACTIONS)[number]}` as StaffMessageKey)
      : action;
  return (
    <section className="staff-panel" aria-labelledby="media-evidence-title">
      <h2 id="media-evidence-title">{st('staff.media.title', { count: findings.length })}</h2>
      <ol className="media-findings">
        {findings.map((finding, index) => {
          const { text, classes, ...rest } = finding.detail as Record<string, unknown>;
          const modelClasses = classesText(classes);
          const label = st('staff.media.image', {
            index: index + 1,
            total: findings.length,
            checker: checkerName(finding.checker),
          });
          const regionActions = Object.entries(finding.regionActions ?? {});
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: findings are positional (two may be alike)
              key={`${finding.mediaId}:${finding.checker}:${finding.category}:${index}`}
              className="media-finding"
            >
              <CheckedImage finding={finding} label={label} />
              <Facts
                rows={[
                  [st('staff.media.checkedBy'), checkerName(finding.checker)],
                  [
                    st('staff.media.category'),
                    <code key="category">
                      {finding.category}
                      {finding.ruleId ? ` (${finding.ruleId})` : ''}
                    </code>,
                  ],
                  [
                    st('staff.media.action'),
                    regionActions.length > 0
                      ? `${actionName(finding.action)} · ${regionActions
                          .map(([region, action]) => `${region}: ${actionName(action)}`)
                          .join(', ')}`
                      : actionName(finding.action),
                  ],
                  [st('staff.media.score'), finding.score.toFixed(2)],
                  ...(finding.atSecond !== undefined
                    ? ([[st('staff.media.atSecond'), formatDuration(finding.atSecond)]] as Array<
                        [string, string]
                      >)
                    : []),
                  ...(typeof text === 'string' && text
                    ? ([
                        [
                          st('staff.media.text'),
                          <q key="text" className="finding-text">
                            {text}
                          </q>,
                        ],
                      ] as Array<[string, ReactNode]>)
                    : []),
                  ...(modelClasses
                    ? ([[st('staff.media.classes'), modelClasses]] as Array<[string, string]>)
                    : []),
                  ...Object.entries(rest).map(
                    ([key, value]) =>
                      [key, <code key={key}>{show(value)}</code>] as [string, ReactNode],
                  ),
                ]}
              />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
