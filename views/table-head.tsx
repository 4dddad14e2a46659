// The head of a data table: one row of column headers, numbers' columns right-aligned.

/** A column's header; `num`: the column holds numbers (right-aligned, `class="num"`). */
export type Column = { label: string; num?: boolean };

export function TableHead(props: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((c) =>
          c.num ? (
            <th scope="col" class="num">
              {c.label}
            </th>
          ) : (
            <th scope="col">{c.label}</th>
          ),
        )}
      </tr>
    </thead>
  );
}
