import { getFormatter, getTranslations } from "next-intl/server";
import type { Locale } from "@/domain/taxonomy";
import { chinaDate, dateFormat, placeName, smeLevelName } from "./display";
import { FactList } from "./fact-list";

export interface ProfileRecord {
  type: string;
  nameZh: string;
  nameEn: string | null;
  uscc: string | null;
  provinceAdcode: string;
  cityAdcode: string | null;
  countyAdcode: string | null;
  address: string | null;
  smeLevel: string | null;
  smeLevelValidUntil: string | null;
  description: string | null;
  website: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

/** The whole profile, read-only, for members who may not edit it. */
export async function OrganizationProfileView({ org, locale }: { org: ProfileRecord; locale: Locale }) {
  const [t, tc, format] = await Promise.all([getTranslations("org.fields"), getTranslations("common"), getFormatter()]);
  const level = smeLevelName(org.smeLevel, locale);
  return (
    <div className="flex flex-col gap-6" data-testid="organization-profile-view">
      <FactList
        facts={[
          { id: "nameZh", label: t("nameZh"), value: org.nameZh },
          { id: "nameEn", label: t("nameEn"), value: org.nameEn },
          { id: "type", label: t("type"), value: tc(`orgTypes.${org.type}`) },
          { id: "uscc", label: t("uscc"), value: org.uscc ? <span className="font-mono">{org.uscc}</span> : null },
          { id: "location", label: t("location"), value: placeName(org, locale) },
          { id: "address", label: t("address"), value: org.address },
          {
            id: "sme-level",
            label: t("smeLevel"),
            value: level
              ? org.smeLevelValidUntil
                ? t("levelValidUntil", { level, date: format.dateTime(chinaDate(org.smeLevelValidUntil), dateFormat) })
                : level
              : null,
          },
          { id: "website", label: t("website"), value: org.website },
          { id: "contact-name", label: t("contactName"), value: org.contactName },
          { id: "contact-phone", label: t("contactPhone"), value: org.contactPhone },
          { id: "contact-email", label: t("contactEmail"), value: org.contactEmail },
        ]}
      />
      <div>
        <h3 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("description")}</h3>
        <p className="mt-1 whitespace-pre-line break-words text-sm">{org.description || t("noDescription")}</p>
      </div>
    </div>
  );
}
