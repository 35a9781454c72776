/**
 * Every socket feature, in the order their connect hooks run: the connection's rooms
 * first (presence tells the servers found there). A new feature (voice...) is one more
 * entry here.
 */
import type { SocketFeature } from "../socket-feature";
import { callsFeature } from "./calls";
import { connectionFeature } from "./connection";
import { focusFeature } from "./focus";
import { presenceFeature } from "./presence";
import { typingFeature } from "./typing";
import { voiceFeature } from "./voice";

export const socketFeatures: readonly SocketFeature<unknown>[] = [connectionFeature, typingFeature, presenceFeature, voiceFeature, callsFeature, focusFeature];
