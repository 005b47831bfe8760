package dev.parley.citation;

/** Admiralty-scale source reliability: A completely reliable … E unreliable, F cannot be judged. */
public enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F
}
