/**
 * The matching library: which brand a text is about (the brand query language: parse, match locally,
 * compile to each source's search syntax) and which texts are the same story (SimHash near-duplicate
 * fingerprints). Connectors, brand attribution, alert evidence and reports use it through this file.
 */
export * from './query/index.js';
export * from './fingerprint/index.js';
