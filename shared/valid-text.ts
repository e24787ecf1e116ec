// Text a person can type: no NUL (which PostgreSQL refuses in text, so it would fail deep inside a
// write), no other control characters but tab, line feed and carriage return, and no half of a
// surrogate pair (which UTF-8 cannot encode). Checked at every door where text comes in.

// C0 controls except \t \n \r, DEL, and the C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` is not acceptable text, or null when it is. */
export function invalidTextReason(s: string): string | null {
  const control = CONTROL.exec(s);
  if (control) {
    const code = control[0].charCodeAt(0);
    return code === 0 ? 'contains a NUL character' : `contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  if (LONE_SURROGATE.test(s)) return 'contains a lone surrogate (not valid Unicode text)';
  return null;
}

export interface InvalidText {
  /** Dotted path to the bad string (array indexes as numbers); '' for the value itself. */
  path: string;
  message: string;
}

/** The first bad string anywhere in a JSON-like value (object keys too), or null. */
export function findInvalidText(value: unknown, path: readonly (string | number)[] = []): InvalidText | null {
  if (typeof value === 'string') {
    const reason = invalidTextReason(value);
    return reason ? { path: path.join('.'), message: reason } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalidText(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const keyReason = invalidTextReason(key);
      if (keyReason) return { path: [...path, key].join('.'), message: `name ${keyReason}` };
      const found = findInvalidText(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

const CONTROL_ALL = new RegExp(CONTROL.source, 'g');
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * The same text with what cannot be stored made visible instead: a control character as its code
 * (`\\u0000`), a lone surrogate as U+FFFD. For records of what someone sent (the audit trail),
 * which must keep even a hostile value rather than fail to be written.
 */
export function escapeInvalidText(s: string): string {
  return s
    .replace(CONTROL_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(LONE_SURROGATE_ALL, '\uFFFD');
}

/** escapeInvalidText over every string of a JSON-like value, object keys included. */
export function escapeInvalidTextDeep(value: unknown): unknown {
  if (typeof value === 'string') return escapeInvalidText(value);
  if (Array.isArray(value)) return value.map(escapeInvalidTextDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeInvalidText(k), escapeInvalidTextDeep(v)]));
  }
  return value;
}
