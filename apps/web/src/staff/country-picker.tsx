import { useId, useMemo, useState } from 'react';
import { countriesIn } from './countries.js';
import { useST } from './use-staff.js';

/**
 * Picks countries by ISO code: a filter over a list of checkboxes (name and code), with the
 * chosen ones above as removable chips. Plain form controls, so it works by keyboard as is.
 */
export function CountryPicker({
  value,
  onChange,
  legend,
  invalid,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  legend: string;
  invalid?: boolean;
}) {
  const { st, locale } = useST();
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const countries = useMemo(() => countriesIn(locale), [locale]);
  const names = useMemo(
    () => new Map(countries.map((country) => [country.code, country.name])),
    [countries],
  );
  const query = filter.trim().toLowerCase();
  const shown = query
    ? countries.filter(
        (country) =>
          country.code.toLowerCase() === query || country.name.toLowerCase().includes(query),
      )
    : countries;
  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...value, code] : value.filter((item) => item !== code));
  return (
    <fieldset className="country-picker" aria-invalid={invalid || undefined}>
      <legend>{legend}</legend>
      {value.length > 0 ? (
        <ul className="chips" aria-label={st('staff.countries.chosen')}>
          {value.map((code) => (
            <li key={code}>
              <button
                type="button"
                className="chip"
                aria-label={st('staff.countries.remove', {
                  name: `${names.get(code) ?? code} (${code})`,
                })}
                onClick={() => toggle(code, false)}
              >
                {names.get(code) ?? code} ({code}) ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{st('staff.countries.none')}</p>
      )}
      <label htmlFor={filterId} className="small">
        {st('staff.countries.find')}
      </label>
      <input
        id={filterId}
        type="search"
        value={filter}
        placeholder={st('staff.countries.placeholder')}
        onChange={(event) => setFilter(event.target.value)}
      />
      <ul className="country-list">
        {shown.map((country) => (
          <li key={country.code}>
            <label>
              <input
                type="checkbox"
                checked={value.includes(country.code)}
                onChange={(event) => toggle(country.code, event.target.checked)}
              />
              {country.name} ({country.code})
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
