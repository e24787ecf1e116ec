declare const framed: unique symbol;
/** A whole websocket message as it goes on the wire: header and payload in one buffer. */
export type Frame = Buffer & { readonly [framed]: true };

/**
 * Frames a binary message once for many recipients (RFC 6455 §5.2: final, binary, unmasked as a
 * server's frames are). `ws` frames each send again and writes header and payload with a `writev`
 * of their own; a room's broadcast is one message to every connection, so it is framed once and
 * each socket gets one plain write of the same buffer.
 */
export function frameBinary(message: Uint8Array): Frame {
  const length = message.byteLength;
  const headerBytes = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = 0x82; // FIN, opcode 2 (binary)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(message, headerBytes);
  return frame as Frame;
}
