import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Footer } from "@/components/layout/footer";
import { Header } from "@/components/layout/header";
import { TrpcProviders } from "@/lib/trpc/client";
import { getViewer } from "@/server/viewer";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: `${t("appName")} ${t("appNameEn")} · ${t("tagline")}`, template: `%s · ${t("appName")} ${t("appNameEn")}` }, description: t("tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, viewer, t] = await Promise.all([getLocale(), getViewer(), getTranslations("common")]);
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <NextIntlClientProvider>
          <TrpcProviders>
            <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2">
              {t("skipToContent")}
            </a>
            <Header viewer={viewer} />
            <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8">
              {children}
            </main>
            <Footer />
          </TrpcProviders>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
