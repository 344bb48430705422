namespace Crucible.Tracking.Tests;

public class SecretMaskerTests
{
    [Theory]
    [InlineData("MLFLOW_TRACKING_PASSWORD")]
    [InlineData("MLFLOW_TRACKING_TOKEN")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("tracking:apiKey")]
    [InlineData("db.password")]
    [InlineData("GoogleCredentials")]
    [InlineData("client_secret")]
    [InlineData("authToken")]
    public void Secret_names_are_masked(string name)
    {
        SecretMasker.IsSecretName(name).Should().BeTrue();
        SecretMasker.MaskValue(name, "hunter2").Should().Be(SecretMasker.Mask);
    }

    [Theory]
    [InlineData("learning_rate")]
    [InlineData("tokenizer")]
    [InlineData("monkey")]
    [InlineData("MLFLOW_TRACKING_USERNAME")]
    [InlineData("sort_key_order")]
    public void Ordinary_names_are_kept(string name)
    {
        SecretMasker.IsSecretName(name).Should().BeFalse();
        SecretMasker.MaskValue(name, "0.01").Should().Be("0.01");
    }

    [Fact]
    public void User_info_in_uris_is_masked_everywhere()
    {
        SecretMasker.MaskValue("tracking_uri", "https://alice:s3cret@mlflow.example.com/api")
            .Should().Be("https://***@mlflow.example.com/api");
        SecretMasker.MaskUriCredentials("failed to reach http://bob:pw@host:5000 and http://host:5000")
            .Should().Be("failed to reach http://***@host:5000 and http://host:5000");
        SecretMasker.MaskUriCredentials("token in http://ghp_abc123@host/x?q=a@b")
            .Should().Be("token in http://***@host/x?q=a@b");
        SecretMasker.MaskUriCredentials("p@ss in http://u:p%40ss@host and mail a@b.c, http://u:p@ss@host:1/a@b")
            .Should().Be("p@ss in http://***@host and mail a@b.c, http://***@host:1/a@b");
    }
}
