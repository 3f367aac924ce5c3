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
