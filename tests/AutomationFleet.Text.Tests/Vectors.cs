namespace AutomationFleet.Text.Tests;

internal static class Vectors
{
    public static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * (double)b[i];
        }

        return sum;
    }

    public static double Norm(float[] a) => Math.Sqrt(Dot(a, a));

    public static float MaxDifference(float[] a, float[] b) => a.Zip(b).Max(p => MathF.Abs(p.First - p.Second));
}
