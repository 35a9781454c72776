/**
 * A Chromium that Playwright does not drive, spoken to over the DevTools protocol
 * directly. Playwright keeps every page it attaches to visible (its focus emulation holds
 * the page the way a screen capture does), so a page can never become hidden under it. A
 * tab of this browser hides the way a desktop browser's does: when another tab of its
 * window comes to the front, `document.visibilityState` turns "hidden" for real.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { freePort } from "./server";

interface Reply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

export interface RawTab {
  targetId: string;
  /** Runs `expression` in the page (a promise is awaited) and returns its value. */
  evaluate<T>(expression: string): Promise<T>;
}

export async function until<T>(label: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}${last ? ` (last error: ${String(last)})` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export class RawChromium {
  private nextId = 0;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly socket: WebSocket,
    private readonly profile: string,
  ) {
    socket.on("message", (data) => {
      const reply = JSON.parse(String(data)) as Reply;
      if (reply.id !== undefined) {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
      }
    });
  }

  static async start(): Promise<RawChromium> {
    const executable = process.env.CHROME_PATH ?? "/usr/bin/chromium";
    const port = await freePort();
    const profile = await mkdtemp(path.join(tmpdir(), "giga-raw-chromium-"));
    const child = spawn(
      executable,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--remote-debugging-port=${port}`,
        `--user-data-dir=${profile}`,
        "about:blank",
      ],
      { stdio: "ignore" },
    );
    const version = await until("Chromium's DevTools endpoint", async () => {
      const response = await fetch(`http://127.0.0.1:${port}/json/version`);
      return response.ok ? ((await response.json()) as { webSocketDebuggerUrl: string }) : undefined;
    });
    const socket = new WebSocket(version.webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new RawChromium(child, socket, profile);
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (reply) => (reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve(reply.result as T)));
      this.socket.send(JSON.stringify({ id, method, params, sessionId }));
    });
  }

  private async attach(targetId: string): Promise<RawTab> {
    const { sessionId } = await this.send<{ sessionId: string }>("Target.attachToTarget", { targetId, flatten: true });
    const evaluate = async <T>(expression: string): Promise<T> => {
      const result = await this.send<{ result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
        "Runtime.evaluate",
        { expression, awaitPromise: true, returnByValue: true },
        sessionId,
      );
      if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
      return result.result.value;
    };
    return { targetId, evaluate };
  }

  /** The tab Chromium opened at start. */
  async firstTab(): Promise<RawTab> {
    const { targetInfos } = await this.send<{ targetInfos: Array<{ targetId: string; type: string }> }>("Target.getTargets");
    return this.attach(targetInfos.find((t) => t.type === "page")!.targetId);
  }

  /** A new tab in front of the others in its window: the tab that was in front is hidden now. */
  async newTab(url = "about:blank"): Promise<RawTab> {
    const { targetId } = await this.send<{ targetId: string }>("Target.createTarget", { url });
    return this.attach(targetId);
  }

  async bringToFront(tab: RawTab): Promise<void> {
    await this.send("Target.activateTarget", { targetId: tab.targetId });
  }

  /** The running service worker of the origin, to evaluate in. */
  async serviceWorker(): Promise<RawTab> {
    const target = await until("the service worker", async () => {
      const { targetInfos } = await this.send<{ targetInfos: Array<{ targetId: string; type: string }> }>("Target.getTargets");
      return targetInfos.find((t) => t.type === "service_worker");
    });
    return this.attach(target.targetId);
  }

  async close(): Promise<void> {
    await this.send("Browser.close").catch(() => undefined);
    this.socket.close();
    if (this.child.exitCode === null) {
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          this.child.kill("SIGKILL");
          resolve(undefined);
        }, 5000);
        this.child.once("exit", () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
    await rm(this.profile, { recursive: true, force: true });
  }
}
