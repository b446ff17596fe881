"use client";

import { signIn } from "next-auth/react";

export function SsoButton({ label, callbackUrl }: { label: string; callbackUrl: string }) {
  return (
    <button
      type="button"
      onClick={() => void signIn("oidc", { callbackUrl })}
      className="block w-full rounded-md border border-brand-600 px-4 py-2 text-center font-medium text-brand-700"
    >
      {label}
    </button>
  );
}
