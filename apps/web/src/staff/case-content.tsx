import type { CaseDetail, StaffMe } from '@atrium/sdk';
import type { ReactNode } from 'react';
import { segmentText, viaText } from './evidence.js';
import { readsLanguage, useST } from './use-staff.js';

// The content of a case as a moderator reviews it: the text with its evidence highlighted, the
// machine translation beside it, images, labels and withholds, and the evidence table.

type Evidence = CaseDetail['evidence'][number];
/** Text with the evidence spans of its field marked (UTF-16 offsets, as the server counts). */
function Highlighted({ text, evidence }: { text: string; evidence: Evidence[] }) {
  const { st } = useST();
  return (
    <>
      {segmentText(text, evidence).map((segment, index) =>
        segment.ranges.length > 0 ? (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
            key={index}
            className={`evidence severity-${segment.ranges[0]!.severity}`}
            title={segment.ranges
              .map((span) => {
                const tooltip = st('staff.evidence.tooltip', {
                  term: span.term,
                  category: span.category,
                  severity: span.severity,
                  rule: span.ruleId,
                });
                const why = viaText(span, st);
                return why ? `${tooltip} — ${st('staff.evidence.via')}: ${why}` : tooltip;
              })
              .join('\n')}
          >
            {segment.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

/** A definition list of facts about a case. */
export function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <dl className="staff-facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ContentPanel({ kase, member }: { kase: CaseDetail; member: StaffMe }) {
  const { st, locale } = useST();
  const { content, evidence, translation } = kase;
  const titleEvidence = evidence.filter((span) => span.field === 'title');
  // Account cases show the bio as the body.
  const bodyEvidence = evidence.filter((span) => span.field === 'body' || span.field === 'bio');
  const original = (
    <div className="case-text" lang={content.lang ?? undefined}>
      {content.title ? (
        <h3 className="case-title">
          <Highlighted text={content.title} evidence={titleEvidence} />
        </h3>
      ) : null}
      <p className="case-body">
        {content.body ? (
          <Highlighted text={content.body} evidence={bodyEvidence} />
        ) : (
          <span className="muted">{st('staff.case.noText')}</span>
        )}
      </p>
    </div>
  );
  return (
    <section className="staff-panel" aria-labelledby="content-title">
      <h2 id="content-title">{st('staff.case.content')}</h2>
      {translation ? (
        <div className="side-by-side">
          <div>
            <h3 className="small-title">
              {st('staff.case.original', { lang: content.lang ?? '—' })}
            </h3>
            {original}
          </div>
          <div>
            <h3 className="small-title">
              {st('staff.case.translation', {
                from: translation.from,
                to: translation.to,
                engine: translation.engine,
              })}
            </h3>
            <div className="case-text" lang={translation.to}>
              {translation.title ? <h3 className="case-title">{translation.title}</h3> : null}
              <p className="case-body">{translation.body}</p>
            </div>
          </div>
        </div>
      ) : (
        <>
          {original}
          {!readsLanguage(member, content.lang, locale) ? (
            <p className="muted small">
              {st('staff.case.noTranslation', { lang: content.lang ?? '—' })}
            </p>
          ) : null}
        </>
      )}
      {content.mediaUrls.length > 0 ? (
        <ul className="case-media">
          {content.mediaUrls.map((url, index) => (
            <li key={url}>
              <a href={url} target="_blank" rel="noreferrer">
                <img
                  src={url}
                  alt={st('staff.case.image', {
                    index: index + 1,
                    total: content.mediaUrls.length,
                  })}
                  loading="lazy"
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {content.labels.length > 0 || content.withheldIn.length > 0 ? (
        <Facts
          rows={[
            ...(content.labels.length > 0
              ? ([[st('staff.case.labels'), content.labels.join(', ')]] as Array<[string, string]>)
              : []),
            ...(content.withheldIn.length > 0
              ? ([[st('staff.case.withheldIn'), content.withheldIn.join(', ')]] as Array<
                  [string, string]
                >)
              : []),
          ]}
        />
      ) : null}
      {evidence.length > 0 ? (
        <div
          className="table-scroll"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls, and the keyboard must reach it
          tabIndex={0}
        >
          <table className="staff-table compact">
            <caption>{st('staff.evidence.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{st('staff.evidence.term')}</th>
                <th scope="col">{st('staff.evidence.field')}</th>
                <th scope="col">{st('staff.evidence.category')}</th>
                <th scope="col">{st('staff.evidence.severity')}</th>
                <th scope="col">{st('staff.evidence.rule')}</th>
                <th scope="col">{st('staff.evidence.via')}</th>
              </tr>
            </thead>
            <tbody>
              {evidence.map((span) => (
                <tr key={`${span.field}:${span.start}:${span.end}:${span.ruleId}`}>
                  <td>
                    <mark className={`evidence severity-${span.severity}`}>{span.term}</mark>
                  </td>
                  <td>{span.field}</td>
                  <td>{span.category}</td>
                  <td>{span.severity}</td>
                  <td>
                    <code>{span.ruleId}</code>
                  </td>
                  <td className="evidence-via">{viaText(span, st) ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
