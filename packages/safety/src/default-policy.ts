/**
 * The shipped policy. Rules are data: a deployment replaces this with its own versioned policy,
 * validated by `validatePolicy`. Regional differences follow the law and platform practice of
 * each place (e.g. cannabis is legal for adults in Canada and many US states, and a serious
 * offence in China and Singapore).
 */
import { validatePolicy } from './policy-schema.js';
import type { Policy } from './types.js';

const DEFAULT_POLICY: Policy = {
  version: '2026.11.0',
  regionGroups: {
    EU: [
      'AT',
      'BE',
      'BG',
      'HR',
      'CY',
      'CZ',
      'DK',
      'EE',
      'FI',
      'FR',
      'DE',
      'GR',
      'HU',
      'IE',
      'IT',
      'LV',
      'LT',
      'LU',
      'MT',
      'NL',
      'PL',
      'PT',
      'RO',
      'SK',
      'SI',
      'ES',
      'SE',
    ],
    // Places where drug content itself is unlawful to promote, however mild.
    STRICT_DRUG_LAWS: ['CN', 'HK', 'MO', 'SG', 'MY', 'ID', 'PH', 'VN', 'JP', 'KR', 'AE', 'SA'],
    // Places where publishing pornography is itself an offence.
    STRICT_ADULT_CONTENT_LAWS: ['CN', 'ID', 'MY', 'AE', 'SA', 'QA', 'KW', 'PK', 'BD', 'VN'],
  },
  defaultAction: 'allow',
  rules: [
    {
      id: 'drugs.cannabis',
      description: 'Cannabis and other soft-drug mentions (low and medium severity).',
      when: { category: 'drugs', severities: ['low', 'medium'] },
      actions: {
        default: 'limit',
        US: 'label',
        CA: 'label',
        UY: 'label',
        DE: 'label',
        CN: 'withhold',
        STRICT_DRUG_LAWS: 'withhold',
      },
      label: 'Mentions cannabis',
    },
    {
      id: 'drugs.hard',
      description: 'Hard drugs and drug sales.',
      when: { category: 'drugs', severities: ['high', 'critical'] },
      actions: { default: 'review', CN: 'block', STRICT_DRUG_LAWS: 'block' },
    },
    {
      id: 'firearms',
      description: 'Firearms sales and conversions.',
      when: { category: 'firearms' },
      actions: {
        default: 'review',
        US: 'label',
        CN: 'block',
        GB: 'withhold',
        AU: 'withhold',
        JP: 'withhold',
      },
      label: 'Firearms',
    },
    {
      id: 'gambling',
      description:
        'Gambling promotion: labelled in licensed markets, not recommended elsewhere, withheld where it is banned.',
      when: { category: 'gambling', severities: ['low', 'medium'] },
      actions: {
        default: 'limit',
        EU: 'label',
        GB: 'label',
        US: 'label',
        CN: 'withhold',
        KR: 'withhold',
        SG: 'withhold',
        AE: 'withhold',
      },
      label: 'Gambling',
    },
    {
      id: 'gambling.fraudulent',
      description: 'Fixed matches and guaranteed wins: gambling that is also fraud.',
      when: { category: 'gambling', severities: ['high', 'critical'] },
      actions: { default: 'review', CN: 'block' },
    },
    {
      id: 'adult-services',
      description: 'Selling sex or sexual services is blocked everywhere.',
      when: { category: 'adult_services' },
      actions: { default: 'block' },
    },
    {
      id: 'fraud',
      description: 'Scams and off-platform contact lures go to human review.',
      when: { category: 'fraud' },
      actions: { default: 'review' },
    },
    {
      id: 'hate',
      description: 'Slurs and hate speech go to human review everywhere.',
      when: { category: 'hate' },
      actions: { default: 'review' },
    },
    {
      id: 'harassment.profanity',
      description: 'Profanity and insults.',
      when: { category: 'harassment', severities: ['low', 'medium'] },
      actions: { default: 'label', DE: 'limit' },
      label: 'Strong language',
    },
    {
      id: 'harassment.threats',
      description: 'Threats, incitement to self-harm and doxxing.',
      when: { category: 'harassment', severities: ['high', 'critical'] },
      actions: { default: 'review' },
    },
    {
      id: 'spam',
      description: 'Engagement bait and promotion: not recommended.',
      when: { category: 'spam', severities: ['low', 'medium'] },
      actions: { default: 'limit' },
    },
    {
      id: 'spam.abusive',
      description: 'Bulk abusive spam.',
      when: { category: 'spam', severities: ['high', 'critical'] },
      actions: { default: 'block' },
    },
  ],
  // The explicit-imagery model's classes (docs/media.md, "Explicit imagery"). The model is wrong
  // often enough (skin-coloured textures, noise) that nothing is removed on its word alone
  // unless it is near certain and the place forbids pornography: otherwise an explicit image
  // waits for a moderator.
  explicitImagery: {
    rules: [
      {
        id: 'imagery.explicit',
        description: 'Explicit sexual imagery (photographs or drawings): held for review.',
        category: 'sexual.explicit',
        classes: ['Porn', 'Hentai'],
        threshold: 0.8,
        actions: { default: 'review' },
      },
      {
        id: 'imagery.explicit.certain',
        description:
          'Near-certain explicit imagery: blocked where publishing pornography is an offence.',
        category: 'sexual.explicit',
        classes: ['Porn', 'Hentai'],
        threshold: 0.95,
        actions: { default: 'review', STRICT_ADULT_CONTENT_LAWS: 'block' },
      },
      {
        id: 'imagery.suggestive',
        description:
          'Sexual or suggestive imagery: not recommended; withheld where the law is strict.',
        category: 'sexual.suggestive',
        classes: ['Sexy', 'Porn', 'Hentai'],
        threshold: 0.8,
        actions: { default: 'limit', STRICT_ADULT_CONTENT_LAWS: 'withhold' },
        label: 'Suggestive image',
      },
    ],
  },
};

/** The shipped policy, validated, as a fresh copy the caller may change. */
export function loadDefaultPolicy(): Policy {
  return validatePolicy(structuredClone(DEFAULT_POLICY));
}
