import type { BulletinFileFormat } from "@/lib/reports/bulletin";
import { interpolate } from "@/lib/i18n/catalogue";
import type { Messages } from "@/messages/zh-CN";

/** Download links of one bulletin version; plain links, so a phone's browser saves the file. */
export function BulletinDownloads({
  bulletinId,
  formats,
  label,
  m,
}: {
  bulletinId: number;
  formats: BulletinFileFormat[];
  /** Names the version, so links of different versions are told apart by screen readers. */
  label: string;
  m: Messages["bulletin"];
}) {
  return (
    <ul className="flex flex-wrap gap-2" aria-label={`${m.downloads} · ${label}`}>
      {formats.map((format) => (
        <li key={format}>
          <a
            href={`/reports/files/${bulletinId}/${format}`}
            download
            className="inline-block rounded-md border border-brand-600 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
            aria-label={`${interpolate(m.download, { format: m.formats[format] })} · ${label}`}
          >
            {m.formats[format]}
          </a>
        </li>
      ))}
    </ul>
  );
}
