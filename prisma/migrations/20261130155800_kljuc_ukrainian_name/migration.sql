-- The Ukrainian help card named the society "Товариство Ključ" while the text above it says
-- «Ключ». Only the seeded name is changed: a name an administrator has edited is left alone.
UPDATE "Organization"
SET "nameUk" = 'Товариство «Ключ» (Društvo Ključ) – Центр протидії торгівлі людьми', "updatedAt" = now()
WHERE slug = 'kljuc' AND "nameUk" = 'Товариство Ključ – Центр протидії торгівлі людьми';
