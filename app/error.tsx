"use client";

import { useEffect } from "react";

// Error boundaries are client components and cannot read the server catalogue; both languages show.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="py-10 text-center">
      <h1 className="text-xl font-bold">出错了 · Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        数据暂时无法加载，请稍后重试。The data could not be loaded; please try again.
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-brand-600 px-4 py-2 text-white">
        重试 · Try again
      </button>
    </div>
  );
}
