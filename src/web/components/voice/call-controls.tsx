"use client";

import { Headphones, HeadphoneOff, Mic, MicOff, MonitorOff, MonitorUp, PhoneOff, Settings, Video, VideoOff } from "lucide-react";
import { useState, type ReactNode } from "react";
import { cn } from "../../lib/cn";
import { useVoiceStore } from "../../stores/voice";
import { leaveRoom, toggleCamera, toggleDeafen, toggleMute, toggleScreen } from "../../voice/session";
import { VoiceSettings } from "./voice-settings";

export function ControlButton({
  label,
  active,
  danger,
  disabled,
  onClick,
  testId,
  small,
  children,
}: {
  label: string;
  /** Drawn "off" (white on red-ish) when a switch is in its unusual state, e.g. muted. */
  active?: boolean;
  danger?: boolean;
  disabled?: boolean;
  onClick: () => void;
  testId: string;
  small?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={active}
      data-testid={testId}
      onClick={onClick}
      disabled={disabled}
      className={cn(
        "flex items-center justify-center transition-colors disabled:cursor-not-allowed disabled:opacity-40",
        small ? "size-8 rounded" : "size-12 rounded-full",
        danger ? "bg-danger text-white hover:bg-[#da373c]" : active ? "bg-white text-[#1e1f22]" : small ? "text-text-muted hover:bg-hover hover:text-text" : "bg-[#2b2d31] text-text hover:bg-[#404249]",
      )}
    >
      {children}
    </button>
  );
}

/** The room's control bar: mute, deafen, camera, screen, settings, leave. */
export function CallControls({ canVideo }: { canVideo: boolean }) {
  const call = useVoiceStore((s) => s.call);
  const [settings, setSettings] = useState(false);
  if (!call) return null;
  return (
    <div className="flex flex-wrap items-center justify-center gap-3 p-4 max-md:gap-2 max-md:px-2" data-testid="voice-controls">
      <ControlButton label={call.selfMute ? "Unmute" : "Mute"} active={call.selfMute} onClick={toggleMute} testId="voice-mute">
        {call.selfMute ? <MicOff size={22} /> : <Mic size={22} />}
      </ControlButton>
      <ControlButton label={call.selfDeaf ? "Undeafen" : "Deafen"} active={call.selfDeaf} onClick={toggleDeafen} testId="voice-deafen">
        {call.selfDeaf ? <HeadphoneOff size={22} /> : <Headphones size={22} />}
      </ControlButton>
      <ControlButton label={call.camera ? "Turn off camera" : "Turn on camera"} active={call.camera} disabled={!canVideo} onClick={() => void toggleCamera()} testId="voice-camera">
        {call.camera ? <Video size={22} /> : <VideoOff size={22} />}
      </ControlButton>
      <ControlButton label={call.screen ? "Stop sharing" : "Share your screen"} active={call.screen} disabled={!canVideo} onClick={() => void toggleScreen()} testId="voice-screen">
        {call.screen ? <MonitorOff size={22} /> : <MonitorUp size={22} />}
      </ControlButton>
      <ControlButton label="Voice settings" onClick={() => setSettings(true)} testId="voice-settings-button">
        <Settings size={22} />
      </ControlButton>
      <ControlButton label="Leave" danger onClick={leaveRoom} testId="voice-leave">
        <PhoneOff size={22} />
      </ControlButton>
      <VoiceSettings open={settings} onClose={() => setSettings(false)} />
    </div>
  );
}
