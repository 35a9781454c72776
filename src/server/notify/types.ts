/**
 * What the rest of the server sees of notifications (services.notifier): the VAPID key
 * browsers subscribe with, the test push, and the delivery worker's life. The fan-out
 * (who is notified of what) is an event-bus subscriber; pushes go through the queue in
 * the database (push_jobs), so sending a message never waits on a push service.
 */
export interface Notifier {
  /** The VAPID public key (base64url) for PushManager.subscribe's applicationServerKey. */
  readonly publicKey: string;
  /** Queues "a test notification" to every push subscription of this person; the number queued. */
  sendTest(userId: string): Promise<number>;
  /** Starts claiming and sending due pushes (on the process that leads the background work). */
  start(): void;
  /** Stops claiming (the lead went elsewhere) and waits for pushes in flight; start() again later. */
  pause(): Promise<void>;
  /** Wakes this process's delivery: another process queued pushes. */
  wake(): void;
  /** Also called whenever this process queues pushes: to wake the process that delivers, when that is another. */
  onQueued(listener: () => void): void;
  /** Waits for fan-outs in flight, stops taking new work and waits for pushes in flight (at shutdown). */
  stop(): Promise<void>;
}
