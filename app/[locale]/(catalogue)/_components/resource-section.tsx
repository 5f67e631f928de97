import { Link } from "@/i18n/navigation";
import type { SearchHit } from "@/lib/search/query";
import { ResourceCard } from "./resource-card";

/** A titled grid of resource cards (the home page's featured and new resources). */
export function ResourceSection({
  id,
  title,
  hits,
  levels,
  empty,
  more,
}: {
  id: string;
  title: string;
  hits: SearchHit[];
  levels: Map<number, string>;
  empty?: string;
  /** Text of a link to the whole catalogue, when there is more to see. */
  more?: string;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-4 text-xl font-semibold">
        {title}
      </h2>
      {hits.length === 0 ? (
        <p className="text-slate-700">{empty}</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
          {hits.map((hit) => (
            <li key={hit.id}>
              <ResourceCard hit={hit} levelLabels={levels} />
            </li>
          ))}
        </ul>
      )}
      {more && (
        <Link href="/resources" className="text-brand-700 mt-4 inline-block underline">
          {more}
        </Link>
      )}
    </section>
  );
}
