let lastMs = 0;
let sequence = 0;

/**
 * A new id in UUIDv7 form: a millisecond timestamp then a 12-bit sequence (RFC 9562 §6.2, method 1),
 * so ids made here sort in creation order and listActions shows actions as added (a Y.Map keeps
 * no order). Uses getRandomValues rather than randomUUID, which browsers only offer in secure
 * contexts.
 */
export function newId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs++; // 4096 ids in one millisecond: borrow the next one
    sequence = 0;
  }
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  let t = lastMs;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = 0x70 | (sequence >> 8);
  b[7] = sequence & 0xff;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
