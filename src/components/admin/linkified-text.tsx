import { Fragment } from "react";

const URL_RE = /(https?:\/\/[^\s<>"'）】]+)/g;

/** Plain text with its http(s) URLs made clickable, e.g. invitation links in an outbox e-mail. */
export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(URL_RE);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="break-all text-primary underline underline-offset-2">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
