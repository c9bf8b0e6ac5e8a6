namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// The Porter stemming algorithm (M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980), steps 1a
/// to 5b as published, for lower-case English words. Stems in place: a stem is never longer than its word.
/// </summary>
internal static class PorterStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2 =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3 =
    [
        ("icate", "ic"), ("ative", string.Empty), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", string.Empty),
        ("ness", string.Empty),
    ];

    private static readonly string[] Step4 =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
        "ous", "ive", "ize",
    ];

    /// <summary>Stems <paramref name="word"/> (lower-case letters a–z) in place and returns the stem's length.</summary>
    public static int Stem(Span<char> word)
    {
        var k = word.Length;
        if (k <= 2)
        {
            return k;
        }

        foreach (var ch in word)
        {
            if (ch is < 'a' or > 'z')
            {
                return k;
            }
        }

        k = Step1A(word, k);
        k = Step1B(word, k);
        if (EndsWith(word, k, "y") && HasVowel(word, k - 1))
        {
            word[k - 1] = 'i';
        }

        k = ReplaceLongest(word, k, Step2, 0);
        k = ReplaceLongest(word, k, Step3, 0);
        k = Step4Remove(word, k);
        k = Step5(word, k);
        return k;
    }

    private static int Step1A(Span<char> w, int k)
    {
        if (EndsWith(w, k, "sses") || EndsWith(w, k, "ies"))
        {
            return k - 2;
        }

        if (EndsWith(w, k, "ss"))
        {
            return k;
        }

        return EndsWith(w, k, "s") ? k - 1 : k;
    }

    private static int Step1B(Span<char> w, int k)
    {
        if (EndsWith(w, k, "eed"))
        {
            return Measure(w, k - 3) > 0 ? k - 1 : k;
        }

        int stem;
        if (EndsWith(w, k, "ed") && HasVowel(w, k - 2))
        {
            stem = k - 2;
        }
        else if (EndsWith(w, k, "ing") && HasVowel(w, k - 3))
        {
            stem = k - 3;
        }
        else
        {
            return k;
        }

        if (EndsWith(w, stem, "at") || EndsWith(w, stem, "bl") || EndsWith(w, stem, "iz"))
        {
            w[stem] = 'e';
            return stem + 1;
        }

        if (DoubleConsonant(w, stem) && w[stem - 1] is not ('l' or 's' or 'z'))
        {
            return stem - 1;
        }

        if (Measure(w, stem) == 1 && ConsonantVowelConsonant(w, stem))
        {
            w[stem] = 'e';
            return stem + 1;
        }

        return stem;
    }

    /// <summary>Steps 2 and 3: the first listed suffix the word ends with is replaced when the stem before it has m &gt; m0.</summary>
    private static int ReplaceLongest(Span<char> w, int k, (string Suffix, string Replacement)[] rules, int minimumMeasure)
    {
        foreach (var (suffix, replacement) in rules)
        {
            if (!EndsWith(w, k, suffix))
            {
                continue;
            }

            var stem = k - suffix.Length;
            if (Measure(w, stem) <= minimumMeasure)
            {
                return k;
            }

            replacement.AsSpan().CopyTo(w[stem..]);
            return stem + replacement.Length;
        }

        return k;
    }

    private static int Step4Remove(Span<char> w, int k)
    {
        foreach (var suffix in Step4)
        {
            if (!EndsWith(w, k, suffix))
            {
                continue;
            }

            var stem = k - suffix.Length;
            if (suffix == "ion" && (stem == 0 || w[stem - 1] is not ('s' or 't')))
            {
                continue;
            }

            return Measure(w, stem) > 1 ? stem : k;
        }

        return k;
    }

    private static int Step5(Span<char> w, int k)
    {
        if (EndsWith(w, k, "e"))
        {
            var m = Measure(w, k - 1);
            if (m > 1 || (m == 1 && !ConsonantVowelConsonant(w, k - 1)))
            {
                k--;
            }
        }

        if (k > 1 && w[k - 1] == 'l' && DoubleConsonant(w, k) && Measure(w, k) > 1)
        {
            k--;
        }

        return k;
    }

    private static bool EndsWith(ReadOnlySpan<char> w, int k, string suffix) =>
        k >= suffix.Length && w[(k - suffix.Length)..k].SequenceEqual(suffix);

    /// <summary>Whether w[i] is a consonant: not a vowel, and y only when it follows a vowel or starts the word.</summary>
    private static bool IsConsonant(ReadOnlySpan<char> w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    /// <summary>m in [C](VC)^m[V] over w[0..k).</summary>
    private static int Measure(ReadOnlySpan<char> w, int k)
    {
        var m = 0;
        var i = 0;
        while (i < k && IsConsonant(w, i))
        {
            i++;
        }

        while (i < k)
        {
            while (i < k && !IsConsonant(w, i))
            {
                i++;
            }

            if (i >= k)
            {
                break;
            }

            while (i < k && IsConsonant(w, i))
            {
                i++;
            }

            m++;
        }

        return m;
    }

    private static bool HasVowel(ReadOnlySpan<char> w, int k)
    {
        for (var i = 0; i < k; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DoubleConsonant(ReadOnlySpan<char> w, int k) =>
        k >= 2 && w[k - 1] == w[k - 2] && IsConsonant(w, k - 1);

    /// <summary>*o: w[0..k) ends consonant-vowel-consonant and the last consonant is not w, x or y.</summary>
    private static bool ConsonantVowelConsonant(ReadOnlySpan<char> w, int k) =>
        k >= 3 && IsConsonant(w, k - 3) && !IsConsonant(w, k - 2) && IsConsonant(w, k - 1) && w[k - 1] is not ('w' or 'x' or 'y');
}
