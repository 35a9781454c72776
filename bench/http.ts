/**
 * The benchmark drivers' JSON request: the origin the bench servers trust (their
 * BASE_URL), the session cookie given, and the cookies set by the answer.
 */
export const BENCH_ORIGIN = "http://127.0.0.1:3000";

export async function json<T>(url: string, init: RequestInit & { cookie?: string; gzip?: boolean } = {}): Promise<{ body: T; cookie: string }> {
  const res = await fetch(url, {
    ...init,
    // The origin the bench servers trust (their BASE_URL), as a browser would send it.
    // Uncompressed unless asked: fetch would otherwise accept gzip, which the bare server
    // never sends, and the figure would weigh compression on loopback, not the server.
    headers: {
      "content-type": "application/json",
      origin: BENCH_ORIGIN,
      "accept-encoding": init.gzip ? "gzip" : "identity",
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
  });
  if (res.status >= 300) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const text = await res.text();
  return { body: (text ? JSON.parse(text) : null) as T, cookie };
}
