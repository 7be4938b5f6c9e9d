"use client";

import { useRef, type KeyboardEvent } from "react";
import { cn } from "@/lib/utils";

type Entity = "listing" | "demand";
const ENTITIES: Entity[] = ["listing", "demand"];

/**
 * Listings / demands switch as an ARIA tablist: the selected tab is in the tab order, arrow keys
 * (and Home/End) move between tabs and select them, as screen-reader users expect.
 */
export function SearchTabs({ value, onChange, label, labels, panelId }: { value: Entity; onChange: (v: Entity) => void; label: string; labels: Record<Entity, string>; panelId: string }) {
  const refs = useRef<Record<Entity, HTMLButtonElement | null>>({ listing: null, demand: null });
  const onKeyDown = (e: KeyboardEvent) => {
    const i = ENTITIES.indexOf(value);
    const next =
      e.key === "ArrowRight" ? ENTITIES[(i + 1) % ENTITIES.length] : e.key === "ArrowLeft" ? ENTITIES[(i + ENTITIES.length - 1) % ENTITIES.length] : e.key === "Home" ? ENTITIES[0] : e.key === "End" ? ENTITIES[ENTITIES.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    onChange(next);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="inline-flex self-start rounded-lg bg-muted p-1" onKeyDown={onKeyDown}>
      {ENTITIES.map((entity) => {
        const selected = entity === value;
        return (
          <button
            key={entity}
            ref={(el) => {
              refs.current[entity] = el;
            }}
            type="button"
            role="tab"
            id={`search-tab-${entity}`}
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(entity)}
            className={cn(
              "rounded-md px-4 py-2 text-sm font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              selected ? "bg-background text-foreground shadow-sm" : "text-muted-foreground hover:text-foreground",
            )}
            data-testid={`search-tab-${entity}`}
          >
            {labels[entity]}
          </button>
        );
      })}
    </div>
  );
}
