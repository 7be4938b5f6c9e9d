"use client";

import { Plus } from "lucide-react";
import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * A button that opens a form in place (aria-expanded / aria-controls); the form gets `close` to
 * call when it is done or cancelled, and focus returns to the button.
 */
export function Disclosure({ label, testId, children }: { label: string; testId?: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => document.getElementById(`${id}-toggle`)?.focus());
  };
  return (
    <div className="flex flex-col gap-3">
      {!open ? (
        <Button id={`${id}-toggle`} type="button" variant="outline" size="sm" className="self-start" aria-expanded={false} aria-controls={`${id}-panel`} onClick={() => setOpen(true)} data-testid={testId}>
          <Plus className="h-4 w-4" aria-hidden="true" />
          {label}
        </Button>
      ) : (
        <div id={`${id}-panel`} role="region" aria-label={label} className="rounded-lg border bg-muted/40 p-4">
          {children(close)}
        </div>
      )}
    </div>
  );
}
