/** The translation port: what the server calls, whatever engine is behind it. */

export interface TranslationRequest {
  /** Texts to translate; the answer has one text per input, in the same order. */
  texts: readonly string[];
  /** BCP-47 tag of the source (`und` lets an engine that can detect do so). */
  from: string;
  /** BCP-47 tag of the target. */
  to: string;
  signal?: AbortSignal;
}

export interface TranslationResult {
  texts: string[];
  /** Name of the engine that produced the texts. */
  engine: string;
}

export interface LanguagePair {
  from: string;
  to: string;
}

export interface TranslationEngine {
  readonly name: string;
  /**
   * True when the engine returns placeholder tokens (`⟦0⟧`, see `entities.ts`) unchanged, because
   * it carries them in its own markup (Apertium superblanks, DeepL ignored XML tags). Other
   * engines get the entities themselves and their output is checked.
   */
  readonly keepsPlaceholders?: boolean;
  /** Whether this engine translates `from` → `to` (may ask the engine, so it may fail). */
  supports(from: string, to: string, signal?: AbortSignal): Promise<boolean>;
  /** Every pair this engine translates. */
  pairs(signal?: AbortSignal): Promise<LanguagePair[]>;
  translate(request: TranslationRequest): Promise<TranslationResult>;
  /** Releases processes or connections the engine holds. */
  close?(): Promise<void>;
}
