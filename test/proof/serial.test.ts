import { describe, expect, it } from 'vitest';
import { SERIAL_ALPHABET, checkCharacter, newSerial, parseSerial } from '../../src/proof/serial.js';

// Every printable ASCII character, plus look-alikes a person might type.
const TYPED = [...Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i)), 'Ｏ', '０', '一'];

describe('certificate serials', () => {
  it('have the documented shape and a check character that parses back', () => {
    for (let i = 0; i < 200; i++) {
      const serial = newSerial(2026);
      expect(serial).toMatch(new RegExp(`^BCM-2026-[${SERIAL_ALPHABET}]{8}-[${SERIAL_ALPHABET}]$`));
      expect(parseSerial(serial)).toEqual({ ok: true, serial });
    }
  });

  it('uses a prime-sized alphabet without look-alike characters', () => {
    expect(SERIAL_ALPHABET).toHaveLength(31);
    for (const ch of '01ILO') expect(SERIAL_ALPHABET).not.toContain(ch);
    expect(new Set(SERIAL_ALPHABET).size).toBe(31);
  });

  it('catches every single-character typo before any lookup', () => {
    const serials = [
      newSerial(2026),
      newSerial(2031),
      'BCM-2026-22222222-' + checkCharacter('2026', '22222222'),
      'BCM-2026-ZZZZZZZZ-' + checkCharacter('2026', 'ZZZZZZZZ'),
    ];
    let tried = 0;
    for (const serial of serials) {
      for (let pos = 0; pos < serial.length; pos++) {
        for (const ch of TYPED) {
          if (ch === serial[pos]) continue;
          const typo = serial.slice(0, pos) + ch + serial.slice(pos + 1);
          const parsed = parseSerial(typo);
          // Only changes that carry no information (case, full width, another separator) may still read as the serial.
          if (parsed.ok) {
            expect(parsed.serial, typo).toBe(serial);
            expect(ch.normalize('NFKC').toUpperCase() === serial[pos] || (serial[pos] === '-' && /[\s_-]/.test(ch)), typo).toBe(true);
          }
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(4 * 19 * 90);
  });

  it('tells a wrong check character apart from a wrong shape', () => {
    const serial = newSerial(2026);
    const body = serial.slice(9, 17);
    const wrongCheck = SERIAL_ALPHABET[(SERIAL_ALPHABET.indexOf(serial.at(-1)!) + 1) % 31];
    expect(parseSerial(`BCM-2026-${body}-${wrongCheck}`)).toMatchObject({ ok: false, error: 'check' });
    // A mistyped body character keeps the shape but breaks the check.
    const swapped = SERIAL_ALPHABET[(SERIAL_ALPHABET.indexOf(body[3]!) + 5) % 31];
    expect(parseSerial(`BCM-2026-${body.slice(0, 3)}${swapped}${body.slice(4)}-${serial.at(-1)}`)).toMatchObject({ ok: false, error: 'check' });
    expect(parseSerial('BCM-2026-1234')).toMatchObject({ ok: false, error: 'format' });
    expect(parseSerial('BCM-2026-O0000000-A')).toMatchObject({ ok: false, error: 'format' });
    expect(parseSerial('')).toMatchObject({ ok: false, error: 'format' });
  });

  it('catches every swap of two different characters', () => {
    for (let n = 0; n < 20; n++) {
      const serial = newSerial(2026);
      const compact = serial.replace(/-/g, '').slice(3); // year + body + check
      for (let i = 0; i < compact.length; i++) {
        for (let j = i + 1; j < compact.length; j++) {
          if (compact[i] === compact[j]) continue;
          const s = [...compact];
          [s[i], s[j]] = [s[j]!, s[i]!];
          expect(parseSerial(`BCM${s.join('')}`).ok, s.join('')).toBe(false);
        }
      }
    }
  });

  it('reads what people type: lower case, spaces, full-width characters, missing hyphens', () => {
    const serial = newSerial(2027);
    const fullWidth = [...serial].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    for (const typed of [serial.toLowerCase(), ` ${serial} `, serial.replace(/-/g, ''), serial.replace(/-/g, ' '), fullWidth]) {
      expect(parseSerial(typed), typed).toEqual({ ok: true, serial });
    }
  });

  it('refuses a year that is not four digits', () => {
    expect(() => newSerial(99)).toThrow(RangeError);
  });
});
