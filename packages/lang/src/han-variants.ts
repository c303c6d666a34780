import { JAPANESE_ONLY, SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from './data/han-variants.generated.js';

const simplified = new Set(SIMPLIFIED_ONLY);
const traditional = new Set(TRADITIONAL_ONLY);
const japanese = new Set(JAPANESE_ONLY);

export interface HanEvidence {
  /** Characters written only in Simplified Chinese (们, 这, 说). */
  simplified: number;
  /** Characters written only in Traditional Chinese (們, 這, 說). */
  traditional: number;
  /** Japanese shinjitai written in neither Chinese script (気, 駅, 図). */
  japanese: number;
}

/** Counts the Han characters that differ between Simplified, Traditional and Japanese writing. */
export function weighHanEvidence(text: string): HanEvidence {
  const evidence: HanEvidence = { simplified: 0, traditional: 0, japanese: 0 };
  for (const char of text) {
    if (char < '\u3400') continue;
    if (simplified.has(char)) evidence.simplified++;
    else if (traditional.has(char)) evidence.traditional++;
    else if (japanese.has(char)) evidence.japanese++;
  }
  return evidence;
}
