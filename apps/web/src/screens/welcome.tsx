import type { Account } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Redirect, useLocation } from 'wouter';
import { ErrorMessage, Loading } from '../components/common.js';
import { FollowSuggestions } from '../components/follow-suggestions.js';
import { ReadingLanguagesField, useAccountChange } from '../components/reading-languages.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { meKey, useMe } from '../lib/session.js';

const STEPS = ['languages', 'interests', 'people'] as const;
type Step = (typeof STEPS)[number];

/** Where to go once done: the `next` of the sign-up (same-site paths only), else home. */
function nextPath(): string {
  const param = new URLSearchParams(window.location.search).get('next');
  return param?.startsWith('/') && !param.startsWith('//') ? param : '/';
}

/** Interests: popular topics as checkboxes (a keyboard moves and ticks them like any form). */
function InterestsField({
  chosen,
  onChange,
}: {
  chosen: string[];
  onChange: (next: string[]) => void;
}) {
  const { t } = useT();
  const query = useQuery({ queryKey: ['onboarding'], queryFn: () => api.me.onboarding() });
  if (query.isPending) return <Loading />;
  if (query.isError)
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.topics.length === 0) return <p className="muted">{t('welcome.noTopics')}</p>;
  return (
    <fieldset className="choices interests">
      <legend>{t('welcome.interestsLegend')}</legend>
      {query.data.topics.map((topic) => (
        <label key={topic.tag} className="choice">
          <input
            type="checkbox"
            name="interests"
            value={topic.tag}
            checked={chosen.includes(topic.tag)}
            disabled={!chosen.includes(topic.tag) && chosen.length >= 10}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...chosen, topic.tag]
                  : chosen.filter((tag) => tag !== topic.tag),
              )
            }
          />
          <span>
            #{topic.display}
            <small className="muted">{t('welcome.topicNotes', { count: topic.notes })}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function Steps({ account, next }: { account: Account; next: string }) {
  const { t } = useT();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('languages');
  const [interests, setInterests] = useState<string[]>([]);
  const { save: saveLanguages, change } = useAccountChange();
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // a new step takes the focus to its heading, so keyboard and screen reader users start there
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of step
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  // done or skipped: saved with the account, so no other device shows onboarding again
  const finish = useMutation({
    mutationFn: (body: { interests?: string[] }) => api.me.completeOnboarding(body),
    onSuccess: (state) => {
      queryClient.setQueryData<Account | null>(meKey, (me) =>
        me ? { ...me, onboarded: true } : me,
      );
      queryClient.setQueryData(['onboarding'], state);
      void queryClient.invalidateQueries({ queryKey: ['follow-suggestions'] });
    },
  });
  const skip = () => finish.mutate({}, { onSuccess: () => navigate(next) });
  const index = STEPS.indexOf(step);
  const titles = {
    languages: t('welcome.languagesTitle'),
    interests: t('welcome.interestsTitle'),
    people: t('welcome.peopleTitle'),
  } satisfies Record<Step, string>;

  return (
    <section className="welcome-step" aria-labelledby="welcome-step-title">
      <p className="muted welcome-progress">
        {t('welcome.progress', { index: index + 1, total: STEPS.length })}
      </p>
      <h2 id="welcome-step-title" className="section-title" tabIndex={-1} ref={heading}>
        {titles[step]}
      </h2>
      {step === 'languages' ? (
        <>
          <p className="muted">{t('welcome.languagesHint')}</p>
          <ReadingLanguagesField account={account} change={change} />
          {saveLanguages.isError ? <ErrorMessage error={saveLanguages.error} /> : null}
        </>
      ) : step === 'interests' ? (
        <>
          <p className="muted">{t('welcome.interestsHint')}</p>
          <InterestsField chosen={interests} onChange={setInterests} />
        </>
      ) : (
        <>
          <p className="muted">{t('welcome.peopleHint')}</p>
          <FollowSuggestions titleId="welcome-step-title" limit={10} />
        </>
      )}
      {finish.isError ? <ErrorMessage error={finish.error} /> : null}
      <div className="welcome-actions">
        {step === 'people' ? (
          <button type="button" className="button" onClick={() => navigate(next)}>
            {t('welcome.done')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button secondary"
              disabled={finish.isPending}
              onClick={skip}
            >
              {t('welcome.skip')}
            </button>
            <button
              type="button"
              className="button"
              disabled={finish.isPending}
              onClick={() =>
                step === 'languages'
                  ? setStep('interests')
                  : finish.mutate({ interests }, { onSuccess: () => setStep('people') })
              }
            >
              {t('welcome.next')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}

/**
 * Onboarding after a sign-up (`/welcome`): the languages one reads (the account's setting),
 * a few interests (topics), then people to follow. Skippable at every step; shown once: an
 * account that finished or skipped it, on any device, is sent on.
 */
export function WelcomeScreen() {
  const { t } = useT();
  const me = useMe();
  const next = nextPath();
  // decided once, when the account is known: finishing the interests step marks it onboarded,
  // which must not send the person away from the last step
  const onboardedAtStart = useRef<boolean | null>(null);
  if (me.data && onboardedAtStart.current === null) onboardedAtStart.current = me.data.onboarded;
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Redirect to="/login" replace />;
  if (onboardedAtStart.current) return <Redirect to={next} replace />;
  return (
    <div className="page narrow welcome">
      <h1>{t('welcome.title')}</h1>
      <p>{t('welcome.intro')}</p>
      <Steps account={me.data} next={next} />
    </div>
  );
}
