#!/usr/bin/env python3
"""Makes supple's three sounds (assets/sounds/*.wav), which ship inside the binary.

Mono, 16-bit, 22050 Hz, synthesised here from sine partials with a soft attack and
an exponential decay, so that they are ours to ship (no sample library). Run it
again only to change a sound; the files are committed.

  step.wav    a bell-like chime (A5 with two overtones), 0.45 s: a new step
  tick.wav    a short wooden click (1.8 kHz), 0.05 s, quieter: the last seconds
  switch.wav  two notes, E5 then A5, 0.9 s: an ice/heat pack switch
"""
import math
import struct
import wave
from pathlib import Path

RATE = 22050


def tone(freqs, length, decay, gain, start=0.0, total=None):
    """Samples of partials (freq, weight) from `start` seconds, in a buffer of `total`."""
    total = total or length
    out = [0.0] * int(RATE * total)
    attack = 0.004
    for i in range(int(RATE * length)):
        t = i / RATE
        env = min(1.0, t / attack) * math.exp(-t / decay)
        s = sum(w * math.sin(2 * math.pi * f * t) for f, w in freqs)
        j = i + int(RATE * start)
        if j < len(out):
            out[j] += gain * env * s
    return out


def mix(*tracks):
    n = max(len(t) for t in tracks)
    return [sum(t[i] for t in tracks if i < len(t)) for i in range(n)]


def write(name, samples):
    path = Path(__file__).resolve().parent.parent / "assets" / "sounds" / name
    peak = max(abs(s) for s in samples) or 1.0
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(s / max(peak, 1.0) * 32000)) for s in samples))
    print(path, len(samples) / RATE, "s")


bell = [(880.0, 1.0), (1760.0, 0.35), (2640.0, 0.12)]
write("step.wav", tone(bell, 0.45, 0.12, 0.9))
write("tick.wav", tone([(1800.0, 1.0), (3600.0, 0.2)], 0.05, 0.012, 0.45))
e5 = [(659.25, 1.0), (1318.5, 0.3), (1977.8, 0.1)]
write(
    "switch.wav",
    mix(tone(e5, 0.45, 0.15, 0.8, 0.0, 0.9), tone(bell, 0.5, 0.16, 0.9, 0.4, 0.9)),
)
