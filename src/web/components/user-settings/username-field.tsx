"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { usernameProblem } from "@/shared/api";
import { limits } from "@/shared/limits";
import { api } from "../../api";
import { describeError } from "../../lib/errors";
import { cn } from "../../lib/cn";
import { queryKeys } from "../../query-keys";
import { Field } from "../ui/field";

const checkDelayMs = 400;

export type UsernameVerdict = "unchanged" | "checking" | "available" | "unavailable";

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * The rules are checked locally as the person types; a name that passes them is
 * asked about once typing pauses. Only "available" lets the form save.
 */
export function useUsernameVerdict(username: string, current: string): { verdict: UsernameVerdict; text: string } {
  const problem = usernameProblem(username);
  const settled = useDebounced(username, checkDelayMs);
  const ask = username !== current && !problem && settled === username;
  const check = useQuery({
    queryKey: queryKeys.usernameCheck(settled),
    queryFn: () => api.checkUsername(settled),
    enabled: ask,
    staleTime: 10_000,
    retry: false,
  });

  if (username === current) return { verdict: "unchanged", text: "" };
  if (problem) return { verdict: "unavailable", text: problem };
  if (!ask || check.isPending) return { verdict: "checking", text: "Checking…" };
  if (check.error) return { verdict: "unavailable", text: describeError(check.error) };
  if (check.data.available) return { verdict: "available", text: "Available" };
  return { verdict: "unavailable", text: check.data.reason ?? "That username is taken." };
}

export interface UsernameFieldProps {
  value: string;
  verdict: { verdict: UsernameVerdict; text: string };
  onChange: (value: string) => void;
}

export function UsernameField({ value, verdict, onChange }: UsernameFieldProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <Field
        label="Username"
        data-testid="username-input"
        autoComplete="username"
        spellCheck={false}
        maxLength={limits.usernameMax + 8}
        value={value}
        // Usernames are lowercase, as on Discord; typing capitals simply gives lowercase.
        onChange={(e) => onChange(e.target.value.toLowerCase().replace(/\s/g, ""))}
      />
      <p
        data-testid="username-status"
        data-verdict={verdict.verdict}
        aria-live="polite"
        className={cn(
          "min-h-4 text-xs",
          verdict.verdict === "available" && "text-success-soft",
          verdict.verdict === "unavailable" && "text-danger-soft",
          verdict.verdict === "checking" && "text-text-muted",
        )}
      >
        {verdict.text}
      </p>
    </div>
  );
}
