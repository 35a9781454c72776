"use client";

import { useEffect, useState } from "react";
import { changePrefs } from "../../voice/session";
import { useMediaStore } from "../../voice/media-store";
import { Dialog } from "../ui/dialog";
import { Toggle } from "../ui/toggle";

function useDevices(open: boolean): MediaDeviceInfo[] {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    if (!open) return;
    const load = () => void navigator.mediaDevices.enumerateDevices().then(setDevices);
    load();
    navigator.mediaDevices.addEventListener("devicechange", load);
    return () => navigator.mediaDevices.removeEventListener("devicechange", load);
  }, [open]);
  return devices;
}

function DeviceSelect({ label, kind, devices, value, onChange, testId }: { label: string; kind: MediaDeviceKind; devices: MediaDeviceInfo[]; value: string | null; onChange: (id: string | null) => void; testId: string }) {
  const options = devices.filter((d) => d.kind === kind && d.deviceId !== "default" && d.deviceId !== "");
  return (
    <label className="flex flex-col gap-1 text-xs font-bold uppercase text-text-muted">
      {label}
      <select
        data-testid={testId}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || null)}
        className="h-10 rounded-[3px] bg-[#1e1f22] px-2 text-sm font-normal normal-case text-text"
      >
        <option value="">Default</option>
        {options.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}

const canPickSpeaker = typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;

/** Devices and audio processing, remembered in this browser and applied mid-call. */
export function VoiceSettings({ open, onClose }: { open: boolean; onClose: () => void }) {
  const prefs = useMediaStore((s) => s.prefs);
  const devices = useDevices(open);
  return (
    <Dialog open={open} onClose={onClose} title="Voice & Video" testId="voice-settings">
      <div className="flex flex-col gap-4">
        <DeviceSelect label="Microphone" kind="audioinput" devices={devices} value={prefs.micId} onChange={(micId) => void changePrefs({ micId })} testId="voice-mic-select" />
        {canPickSpeaker && (
          <DeviceSelect label="Speaker" kind="audiooutput" devices={devices} value={prefs.speakerId} onChange={(speakerId) => void changePrefs({ speakerId })} testId="voice-speaker-select" />
        )}
        <DeviceSelect label="Camera" kind="videoinput" devices={devices} value={prefs.cameraId} onChange={(cameraId) => void changePrefs({ cameraId })} testId="voice-camera-select" />
        <div className="flex items-center justify-between gap-4">
          <span>Noise suppression</span>
          <Toggle label="Noise suppression" checked={prefs.noiseSuppression} onChange={(noiseSuppression) => void changePrefs({ noiseSuppression })} testId="voice-noise-suppression" />
        </div>
        <div className="flex items-center justify-between gap-4">
          <span>Echo cancellation</span>
          <Toggle label="Echo cancellation" checked={prefs.echoCancellation} onChange={(echoCancellation) => void changePrefs({ echoCancellation })} testId="voice-echo-cancellation" />
        </div>
      </div>
    </Dialog>
  );
}
