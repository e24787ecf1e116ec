// The typed model of the meeting and prep Yjs documents (docs/architecture.md), shared by browser and server.
// Code outside this module touches the documents only through these exports.

export * from './author.js';
export * from './authorship.js';
export * from './carried.js';
export * from './decision-hash.js';
export * from './doc-names.js';
export { MeetingDocError } from './errors.js';
export { newId } from './ids.js';
export * from './meeting-doc.js';
export type { MeetingItem } from './meeting-item.js';
export * from './prep-doc.js';
export type * from './problems.js';
export type { ResearchEntry } from './research-entry.js';
export * from './schemas.js';
export * from './validate.js';
