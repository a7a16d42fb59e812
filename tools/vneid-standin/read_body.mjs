// Reads a small request body as text. Consuming the stream leaves req.readable false, which is how
// oidc-provider notices a body was already read and falls back to req.body.

const kLimitBytes = 64 * 1024;

export async function read_body(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > kLimitBytes) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
