"use client";
/**
 * The task filter's unit choices (an <optgroup> of units, then one of generic groups when there are any),
 * rendered from plain data in a client component. At scale there are ~2,000 units. Written as server
 * elements, React's RSC serialiser defers every element past the first ~3 KB of a row into a row of
 * its own, and the server render then streams each deferred <option> as its own suspended segment: ~2,000
 * segments and scripts per task list, most of its render time (issue 14). As props the list is one row of
 * data, and the options render in one pass. The HTML is the same.
 */
interface Unit {
  id: number;
  name: string;
}

export function DepartmentOptions({
  units,
  generic,
  unitsLabel,
  genericLabel,
}: {
  units: readonly Unit[];
  generic: readonly Unit[];
  unitsLabel: string;
  genericLabel: string;
}) {
  return (
    <>
      <optgroup label={unitsLabel}>
        {units.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </optgroup>
      {generic.length ? (
        <optgroup label={genericLabel}>
          {generic.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </optgroup>
      ) : null}
    </>
  );
}
