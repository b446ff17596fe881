/** The shape of a catalogue without its literal strings: what a translation must provide. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
