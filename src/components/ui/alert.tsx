import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

export function Alert({ className, variant = "info", ...props }: ComponentProps<"div"> & { variant?: "info" | "error" | "success" }) {
  return (
    <div
      role={variant === "error" ? "alert" : "status"}
      className={cn(
        "rounded-md border px-4 py-3 text-sm",
        variant === "error" && "border-red-200 bg-red-50 text-red-800",
        variant === "success" && "border-emerald-200 bg-emerald-50 text-emerald-800",
        variant === "info" && "border-sky-200 bg-sky-50 text-sky-900",
        className,
      )}
      {...props}
    />
  );
}
