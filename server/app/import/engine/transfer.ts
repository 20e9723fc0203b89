// What can move to another thread instead of being copied (a transfer list for postMessage).

function ownsBuffer(view: ArrayBufferView): view is ArrayBufferView & { buffer: ArrayBuffer } {
  return (
    view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer
  );
}

/** Bytes that can be moved to a worker without detaching anyone else's (a pooled Buffer shares its slab). */
export function movable(bytes: Uint8Array): Uint8Array {
  return ownsBuffer(bytes) ? bytes : bytes.slice();
}

/** The buffers behind typed arrays among `values` (one level deep) that own all of their buffer, each once. */
export function ownedBuffers(values: readonly object[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const value of values) {
    for (const column of Object.values(value)) {
      if (ArrayBuffer.isView(column) && ownsBuffer(column)) buffers.add(column.buffer);
    }
  }
  return [...buffers];
}
