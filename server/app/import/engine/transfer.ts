// What can move to another thread instead of being copied (a transfer list for postMessage).

function ownsBuffer(view: ArrayBufferView): boolean {
  return (
    view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer
  );
}

/** Bytes that can be moved to a worker without detaching anyone else's (a pooled Buffer shares its slab). */
export function movable(bytes: Uint8Array): Uint8Array {
  return ownsBuffer(bytes) ? bytes : bytes.slice();
}

/**
 * The (non-shared) buffers behind typed arrays among `values` (one level deep) that `movable` accepts, each
 * once: a transfer list.
 */
export function buffersOf(
  values: readonly object[],
  movable: (view: ArrayBufferView & { buffer: ArrayBuffer }) => boolean,
): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const value of values) {
    for (const column of Object.values(value)) {
      if (!ArrayBuffer.isView(column) || !(column.buffer instanceof ArrayBuffer)) continue;
      if (movable(column as ArrayBufferView & { buffer: ArrayBuffer })) buffers.add(column.buffer);
    }
  }
  return [...buffers];
}

/**
 * The buffers behind typed arrays among `values`, when the array owns all of its buffer: moved to another
 * thread rather than copied. Other arrays are copied as usual.
 */
export function ownedBuffers(values: readonly object[]): ArrayBuffer[] {
  return buffersOf(values, ownsBuffer);
}
