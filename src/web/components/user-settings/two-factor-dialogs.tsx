"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toDataURL } from "qrcode";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { getAuthClient } from "../../auth-client";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Field } from "../ui/field";
import { Spinner } from "../ui/spinner";
import { BackupCodes } from "./backup-codes";
import { authCall, describeAccountError } from "./errors";
import { totpSecret } from "./format";

/** Turning 2FA on or off renews the session cookie; `me` says which it is now. */
function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
  };
}

function DialogActions({ onCancel, children }: { onCancel: () => void; children: ReactNode }) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="link" className="text-text hover:underline" onClick={onCancel}>
        Cancel
      </Button>
      {children}
    </div>
  );
}

/** The password step every 2FA change starts with. */
function PasswordStep({ pending, error, submitLabel, onSubmit, onCancel }: {
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState("");
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        if (password) onSubmit(password);
      }}
    >
      <FormError message={error ? describeAccountError(error) : undefined} />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        autoFocus
        data-testid="2fa-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <DialogActions onCancel={onCancel}>
        <Button type="submit" data-testid="2fa-password-submit" disabled={!password || pending}>
          {pending ? "Checking…" : submitLabel}
        </Button>
      </DialogActions>
    </form>
  );
}

function QrCode({ uri }: { uri: string }) {
  const [image, setImage] = useState<string>();
  useEffect(() => {
    let live = true;
    toDataURL(uri, { margin: 1, width: 176, errorCorrectionLevel: "M" })
      .then((url) => live && setImage(url))
      .catch(() => live && setImage(undefined));
    return () => {
      live = false;
    };
  }, [uri]);
  return (
    <div className="flex size-[176px] shrink-0 items-center justify-center rounded-md bg-white">
      {image ? <img src={image} alt="QR code for your authenticator app" width={176} height={176} data-testid="totp-qr" /> : <Spinner />}
    </div>
  );
}

type EnableStep = { kind: "password" } | { kind: "scan"; totpURI: string; backupCodes: string[] } | { kind: "codes"; backupCodes: string[] };

/** Password, then scan and confirm a code, then the backup codes, once. */
export function EnableTwoFactorDialog({ onClose }: { onClose: () => void }) {
  const [step, setStep] = useState<EnableStep>({ kind: "password" });
  const [code, setCode] = useState("");
  const refreshMe = useRefreshMe();
  const start = useMutation({
    mutationFn: async (password: string) => {
      const data = await authCall(getAuthClient().twoFactor.enable({ password }));
      if (data.method !== "totp") throw new Error("The server did not offer an authenticator app code. Try again.");
      return data;
    },
    onSuccess: (data) => setStep({ kind: "scan", totpURI: data.totpURI, backupCodes: data.backupCodes }),
  });
  const confirm = useMutation({
    mutationFn: () => authCall(getAuthClient().twoFactor.verifyTotp({ code })),
    onSuccess: () => {
      if (step.kind === "scan") setStep({ kind: "codes", backupCodes: step.backupCodes });
      refreshMe();
    },
  });

  const title = step.kind === "codes" ? "Save your backup codes" : "Enable Two-Factor Auth";
  return (
    <Dialog open onClose={onClose} title={title} testId="enable-2fa-dialog">
      {step.kind === "password" && (
        <>
          <p className="mb-4 text-sm text-text-muted">Confirm your password to continue.</p>
          <PasswordStep
            pending={start.isPending}
            error={start.error}
            submitLabel="Continue"
            onSubmit={(password) => start.mutate(password)}
            onCancel={onClose}
          />
        </>
      )}
      {step.kind === "scan" && (
        <form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (code.length === 6) confirm.mutate();
          }}
        >
          <div className="flex gap-4">
            <QrCode uri={step.totpURI} />
            <div className="min-w-0 text-sm text-text-muted">
              <p>Scan this QR code with your authenticator app.</p>
              <p className="mt-3">Can&apos;t scan it? Enter this key instead:</p>
              <p className="mt-1 break-all font-mono text-sm text-text-strong" data-testid="totp-secret">
                {totpSecret(step.totpURI)}
              </p>
            </div>
          </div>
          <FormError message={confirm.error ? describeAccountError(confirm.error) : undefined} />
          <Field
            label="6-digit code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            data-testid="totp-confirm-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, "").slice(0, 6))}
            className="font-mono tracking-[0.3em]"
          />
          <DialogActions onCancel={onClose}>
            <Button type="submit" variant="success" data-testid="totp-confirm-submit" disabled={code.length !== 6 || confirm.isPending}>
              {confirm.isPending ? "Checking…" : "Activate"}
            </Button>
          </DialogActions>
        </form>
      )}
      {step.kind === "codes" && <BackupCodes codes={step.backupCodes} onDone={onClose} />}
    </Dialog>
  );
}

/** Our server asks for a current code as well as the password, so a stolen session alone cannot do it. */
export function DisableTwoFactorDialog({ onClose }: { onClose: () => void }) {
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const refreshMe = useRefreshMe();
  const disable = useMutation({
    mutationFn: () => {
      const body = { password, code: code.trim() };
      return authCall(getAuthClient().twoFactor.disable(body));
    },
    onSuccess: () => {
      refreshMe();
      onClose();
    },
  });

  return (
    <Dialog
      open
      onClose={onClose}
      title="Remove 2FA"
      description="Signing in will ask only for your password again."
      testId="disable-2fa-dialog"
    >
      <form
        className="flex flex-col gap-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (password && code.trim()) disable.mutate();
        }}
      >
        <FormError message={disable.error ? describeAccountError(disable.error) : undefined} />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          autoFocus
          data-testid="2fa-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Field
          label="Authentication or backup code"
          autoComplete="one-time-code"
          data-testid="2fa-disable-code"
          maxLength={32}
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <DialogActions onCancel={onClose}>
          <Button type="submit" variant="danger" data-testid="2fa-disable-submit" disabled={!password || !code.trim() || disable.isPending}>
            {disable.isPending ? "Removing…" : "Remove 2FA"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** New backup codes replace every old one. */
export function RegenerateCodesDialog({ onClose }: { onClose: () => void }) {
  const [codes, setCodes] = useState<string[]>();
  const regenerate = useMutation({
    mutationFn: (password: string) => authCall(getAuthClient().twoFactor.generateBackupCodes({ password })),
    onSuccess: (data) => setCodes(data.backupCodes),
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={codes ? "Save your backup codes" : "Regenerate backup codes"}
      description={codes ? undefined : "Your old backup codes stop working."}
      testId="regenerate-codes-dialog"
    >
      {codes ? (
        <BackupCodes codes={codes} onDone={onClose} />
      ) : (
        <PasswordStep
          pending={regenerate.isPending}
          error={regenerate.error}
          submitLabel="Regenerate"
          onSubmit={(password) => regenerate.mutate(password)}
          onCancel={onClose}
        />
      )}
    </Dialog>
  );
}
