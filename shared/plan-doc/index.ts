// The typed model of a family's safety plan documents (docs/architecture.md, "The family safety
// plan"), shared by browser and server. Code outside this module touches them only through these.

export * from './plan-doc.js';
export * from './schemas.js';
export * from './validate.js';
export * from './compare.js';
