/**
 * The 90-day reflection period (seed 004), where a foreign victim needs to read it: on the help page
 * and on the receipt of someone who said "this is happening to me". Texts come from the caller's
 * namespace, so a server page and a client component can both use it.
 */
export function ReflectionPeriod({ title, text }: { title: string; text: string }) {
  return (
    <section
      aria-labelledby="reflection-title"
      className="space-y-2 rounded-lg border-l-4 border-teal-800 bg-teal-50 p-4"
      data-testid="reflection-period"
    >
      <h2 id="reflection-title" className="text-xl font-bold">
        {title}
      </h2>
      <p>{text}</p>
    </section>
  );
}
