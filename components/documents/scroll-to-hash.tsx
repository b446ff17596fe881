"use client";

import { useEffect } from "react";

/**
 * Brings the record named in the URL's hash (#task-12) into view and marks it highlighted.
 * Needed because the reader streams in after the loading state (the browser's own jump happens before
 * the element exists) and because client-side navigation does not update CSS :target.
 */
export function ScrollToHash() {
  useEffect(() => {
    const apply = () => {
      for (const el of document.querySelectorAll("[data-highlighted]")) el.removeAttribute("data-highlighted");
      const id = decodeURIComponent(window.location.hash.slice(1));
      const el = id ? document.getElementById(id) : null;
      if (!el) return;
      el.setAttribute("data-highlighted", "true");
      el.scrollIntoView({ block: "center" });
    };
    apply();
    window.addEventListener("hashchange", apply);
    return () => window.removeEventListener("hashchange", apply);
  }, []);
  return null;
}
