// `natural` ships types only for its package root (whose import loads storage adapters and runs dotenv); these are
// the few sub-modules `nlu/` imports directly, typed from their source in natural v8.
declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  interface JaroWinklerOptions {
    /** A precomputed Jaro distance. */
    dj?: number;
    ignoreCase?: boolean;
  }

  /** Jaro-Winkler similarity in [0, 1]: 1 for equal strings, 0 for nothing in common (despite the name). */
  function JaroWinklerDistance(s1: string, s2: string, options?: JaroWinklerOptions): number;

  export = JaroWinklerDistance;
}

declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  /** natural's naive Bayes over token arrays (its own tokenizer is bypassed when a document is an array). */
  class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    /** Every feature seen in training, as object keys in the order they were first seen. */
    features: Record<string, number>;
    addDocument(tokens: string[], label: string): void;
    train(): void;
    textToFeatures(tokens: string[]): number[];
    getClassifications(tokens: string[]): { label: string; value: number }[];
  }
  export = BayesClassifier;
}

declare module 'natural/lib/natural/tfidf/tfidf.js' {
  /** natural's TF-IDF over token arrays (its tokenizer is bypassed when a document is an array). */
  class TfIdf {
    addDocument(tokens: string[]): void;
    /** 1 + ln(documents / (1 + documents with the term)). */
    idf(term: string): number;
  }
  export = TfIdf;
}
