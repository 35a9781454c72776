/**
 * A stand-in for a LiveKit server on 127.0.0.1, for tests: its room service (Twirp:
 * `POST /twirp/livekit.RoomService/<Method>` with a JSON body and a bearer token) records
 * every request and answers from a small roster the test keeps; a WebSocket upgrade on
 * `/rtc` (what a browser dials) is recorded and then refused, as a LiveKit server that
 * went away would.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RoomServiceCall {
  method: string;
  body: Record<string, unknown>;
  /** The bearer token the app signed for this call. */
  token: string;
}

export interface StandInTrack {
  sid: string;
  type: "AUDIO" | "VIDEO";
  source: "MICROPHONE" | "CAMERA" | "SCREEN_SHARE" | "SCREEN_SHARE_AUDIO";
  muted?: boolean;
}

export interface StandIn {
  /** ws://127.0.0.1:<port>: LIVEKIT_URL for the app. */
  url: string;
  calls: RoomServiceCall[];
  /** Upgrade requests to /rtc…, with the URL the browser dialed. */
  dials: string[];
  /** room -> identity -> tracks: what ListParticipants and GetParticipant answer. */
  roster: Map<string, Map<string, StandInTrack[]>>;
  close(): Promise<void>;
}

function participant(identity: string, tracks: StandInTrack[]) {
  return { sid: `PA_${identity}`, identity, state: "ACTIVE", tracks: tracks.map((t) => ({ ...t, muted: t.muted ?? false })) };
}

export async function startLiveKitStandIn(): Promise<StandIn> {
  const calls: RoomServiceCall[] = [];
  const dials: string[] = [];
  const roster = new Map<string, Map<string, StandInTrack[]>>();
  const notFound = (res: http.ServerResponse, what: string) =>
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ code: "not_found", msg: `${what} not found` }));

  const server = http.createServer((req, res) => {
    const match = /^\/twirp\/livekit\.RoomService\/(\w+)$/.exec(req.url ?? "");
    if (req.method !== "POST" || !match) return res.writeHead(404).end();
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => {
      const method = match[1]!;
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      calls.push({ method, body, token });
      const room = roster.get(String(body.room));
      const identity = String(body.identity);
      const reply = (value: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
      switch (method) {
        case "ListParticipants":
          return reply({ participants: [...(room ?? [])].map(([id, tracks]) => participant(id, tracks)) });
        case "GetParticipant":
        case "UpdateParticipant": {
          const tracks = room?.get(identity);
          return tracks ? reply(participant(identity, tracks)) : notFound(res, "participant");
        }
        case "RemoveParticipant":
          if (!room?.delete(identity)) return notFound(res, "participant");
          return reply({});
        case "MutePublishedTrack": {
          const track = room?.get(identity)?.find((t) => t.sid === body.trackSid);
          if (!track) return notFound(res, "track");
          track.muted = body.muted === true;
          return reply({ track });
        }
        default:
          return reply({});
      }
    });
  });
  server.on("upgrade", (req, socket) => {
    dials.push(req.url ?? "");
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    calls,
    dials,
    roster,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
