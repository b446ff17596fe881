"use client";

import { useEffect } from "react";

/**
 * The reader streams in after the loading state, so the browser's own jump to #task-12 happens before
 * the element exists. Jump once the text is on the page (and :target styling already applies).
 */
export function ScrollToHash() {
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView({ block: "center" });
  }, []);
  return null;
}
