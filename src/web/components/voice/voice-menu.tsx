"use client";

import type { VoiceState } from "@/shared/voice";
import { useAccess } from "../../hooks/use-access";
import { useChannels } from "../../hooks/use-servers";
import { useModerateVoice } from "../../voice/use-voice-states";
import { Menu, MenuCheckbox, MenuItem, MenuLabel, MenuSeparator } from "../ui/menu";
import { voiceActions } from "./voice-actions";

export interface VoiceMenuProps {
  serverId: string;
  state: VoiceState;
  name: string;
  at: { x: number; y: number };
  onClose: () => void;
}

export function VoiceMenu({ serverId, state, name, at, onClose }: VoiceMenuProps) {
  const access = useAccess(serverId);
  const channels = useChannels(serverId);
  const moderate = useModerateVoice(serverId);
  const actions = voiceActions(access);
  const rooms = (channels.data ?? []).filter((c) => (c.type === "audio" || c.type === "video") && c.id !== state.channelId);
  const run = (v: Parameters<typeof moderate.mutate>[0]) => {
    onClose();
    moderate.mutate(v);
  };
  return (
    <Menu at={at} onClose={onClose} label={`Voice actions for ${name}`} testId="voice-menu">
      {actions.mute && (
        <MenuCheckbox checked={state.serverMute} onToggle={() => run({ userId: state.userId, input: { serverMute: !state.serverMute } })} testId="voice-server-mute">
          Server Mute
        </MenuCheckbox>
      )}
      {actions.deafen && (
        <MenuCheckbox checked={state.serverDeaf} onToggle={() => run({ userId: state.userId, input: { serverDeaf: !state.serverDeaf } })} testId="voice-server-deafen">
          Server Deafen
        </MenuCheckbox>
      )}
      {actions.move && rooms.length > 0 && (
        <>
          <MenuSeparator />
          <MenuLabel>Move To</MenuLabel>
          {rooms.map((room) => (
            <MenuItem key={room.id} onSelect={() => run({ userId: state.userId, input: { channelId: room.id } })} testId="voice-move-to">
              {room.name}
            </MenuItem>
          ))}
        </>
      )}
      {actions.disconnect && (
        <>
          <MenuSeparator />
          <MenuItem danger onSelect={() => run({ userId: state.userId, disconnect: true })} testId="voice-disconnect">
            Disconnect
          </MenuItem>
        </>
      )}
    </Menu>
  );
}
