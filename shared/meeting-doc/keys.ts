// Key names inside the Yjs documents. Only this module uses them: all other code goes through the
// accessors, so the layout can change in one place. The item's scalar fields are stored under
// their ItemValues names (schemas.ts).

/** Top-level map of a meeting doc: itemId → item map. Part of the external interface (docs/architecture.md, External interface). */
export const MEETING_ROOT = 'items';
/** Top-level map of a prep doc: itemId → research entry map. */
export const PREP_ROOT = 'entries';

export const RATIONALE = 'rationale';
export const DISSENT = 'dissent';
export const RESEARCH = 'research';
export const ACTIONS = 'actions';
/** The Y.Text of a research or prep entry. */
export const ENTRY_TEXT = 'text';
/** The Y.Text of an action. */
export const ACTION_DESCRIPTION = 'description';
/** Actions earlier meetings set that are still owed, under their Action id (carried.ts). */
export const CARRIED = 'carried';
