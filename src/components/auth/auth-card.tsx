import type { ReactNode } from "react";
import { Card, CardContent } from "@/components/ui/card";

/** The narrow centred frame of the sign-in, sign-up and invitation pages. */
export function AuthCard({
  title,
  description,
  children,
  footer,
  wide = false,
}: {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={wide ? "mx-auto w-full max-w-3xl" : "mx-auto w-full max-w-md"}>
      <div className="mb-6 text-center">
        <h1 className="text-2xl font-semibold tracking-tight md:text-3xl">{title}</h1>
        {description ? <p className="mt-2 text-muted-foreground">{description}</p> : null}
      </div>
      {wide ? (
        children
      ) : (
        <Card>
          <CardContent className="p-6">{children}</CardContent>
        </Card>
      )}
      {footer ? <p className="mt-6 text-center text-sm text-muted-foreground">{footer}</p> : null}
    </div>
  );
}
