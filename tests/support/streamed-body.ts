/**
 * A request body sent the way a chunked upload arrives: no Content-Length, produced only as it is read,
 * with a count of the bytes the server pulled, so a test can show the server stopped reading early.
 */
export function streamedBody(totalBytes: number, chunkBytes = 64 * 1024) {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(chunkBytes).fill(0x61);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled.bytes >= totalBytes) {
          controller.close();
          return;
        }
        pulled.bytes += chunk.byteLength;
        controller.enqueue(chunk.slice());
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled, chunkBytes };
}

/** A POST carrying `body` as a stream (Node's fetch needs duplex "half" for that). */
export function streamedRequest(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return new Request(url, {
    method: "POST",
    body,
    duplex: "half",
    headers: { "content-type": "multipart/form-data; boundary=----dpt", ...headers },
  } as RequestInit);
}
