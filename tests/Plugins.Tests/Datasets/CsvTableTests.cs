using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Tabular;

namespace Crucible.Plugins.Tests.Datasets;

public class CsvTableTests
{
    private static List<string[]> Rows(string text) => CsvText.Parse(new StringReader(text), ",");

    [Fact]
    public void Iris_count_header_gives_class_names_and_four_features()
    {
        var table = CsvTable.Load(TestData.File("tabular/iris.csv"), new CsvReadOptions());
        table.Samples.Count.Should().Be(150);
        table.Samples.FeatureShape.Should().Equal(4);
        table.ClassNames.Should().Equal("setosa", "versicolor", "virginica");
        table.Samples.Labels!.GroupBy(l => l).Select(g => g.Count()).Should().Equal(50, 50, 50);
        table.Samples.Features.Take(4).Should().Equal(5.1f, 3.5f, 1.4f, 0.2f);
    }

    [Fact]
    public void Breast_cancer_has_30_features_and_212_malignant()
    {
        var table = CsvTable.Load(TestData.File("tabular/breast_cancer.csv"), new CsvReadOptions());
        table.Samples.Count.Should().Be(569);
        table.Samples.FeatureSize.Should().Be(30);
        table.ClassNames.Should().Equal("malignant", "benign");
        table.Samples.Labels!.Count(l => l == 0).Should().Be(212);
    }

    [Fact]
    public void Gzipped_digits_without_header_are_classified_by_their_last_column()
    {
        var table = CsvTable.Load(TestData.File("tabular/digits.csv.gz"), new CsvReadOptions { LabelKind = LabelKind.Classification });
        table.Samples.Count.Should().Be(1797);
        table.Samples.FeatureSize.Should().Be(64);
        table.ClassNames.Should().Equal("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    [Fact]
    public void Diabetes_reads_space_separated_features_and_a_separate_target_file()
    {
        var table = CsvTable.Load(
            TestData.File("tabular/diabetes_data_raw.csv.gz"),
            new CsvReadOptions { Delimiter = "whitespace", TargetFile = TestData.File("tabular/diabetes_target.csv.gz") });
        table.Samples.Count.Should().Be(442);
        table.Samples.FeatureSize.Should().Be(10);
        table.Samples.IsClassification.Should().BeFalse();
        table.Samples.Targets![0].Should().Be(151f);
    }

    [Fact]
    public void Airline_header_names_the_label_column()
    {
        var table = CsvTable.Load(
            TestData.File("timeseries/airline-passengers.csv"),
            new CsvReadOptions { Features = ["Passengers"], Label = "Month", LabelKind = LabelKind.Classification });
        table.Samples.Count.Should().Be(144);
        table.Samples.Features.Sum().Should().Be(40363f);
    }

    [Fact]
    public void Columns_are_chosen_by_name_index_negative_index_and_range()
    {
        var rows = Rows("a,b,c,d,y\n1,2,3,4,0.5\n5,6,7,8,1.5\n");
        CsvTable.FromRows(rows, new CsvReadOptions { Features = ["b", "-2"], Label = "y" }, null, "t").Samples.Features.Should().Equal(2, 4, 6, 8);
        CsvTable.FromRows(rows, new CsvReadOptions { Features = ["0:2"], Label = "4" }, null, "t").Samples.Features.Should().Equal(1, 2, 5, 6);
        CsvTable.FromRows(rows, new CsvReadOptions { Features = ["2:"], Label = "a" }, null, "t").FeatureNames.Should().Equal("c", "d", "y");
    }

    [Fact]
    public void String_labels_become_sorted_class_indices()
    {
        var table = CsvTable.FromRows(Rows("x,kind\n1,dog\n2,cat\n3,dog\n"), new CsvReadOptions(), null, "t");
        table.ClassNames.Should().Equal("cat", "dog");
        table.Samples.Labels.Should().Equal(1, 0, 1);
    }

    [Fact]
    public void A_second_file_uses_the_training_class_order_and_rejects_unseen_classes()
    {
        var test = CsvTable.FromRows(Rows("x,kind\n1,dog\n"), new CsvReadOptions(), ["cat", "dog"], "test.csv");
        test.Samples.Labels.Should().Equal(1);
        var act = () => CsvTable.FromRows(Rows("x,kind\n1,cow\n"), new CsvReadOptions(), ["cat", "dog"], "test.csv");
        act.Should().Throw<CrucibleException>().WithMessage("*'cow'*training data*");
    }

    [Fact]
    public void Numeric_labels_default_to_regression_without_a_count_header()
    {
        var table = CsvTable.FromRows(Rows("1,2,0.5\n3,4,1.5\n"), new CsvReadOptions(), null, "t");
        table.Samples.IsClassification.Should().BeFalse();
        table.Samples.Targets.Should().Equal(0.5f, 1.5f);
    }

    [Fact]
    public void A_non_numeric_feature_is_reported_with_line_and_column()
    {
        var act = () => CsvTable.FromRows(Rows("a,b\n1,0\nx,1\n"), new CsvReadOptions(), null, "f.csv");
        act.Should().Throw<CrucibleException>().WithMessage("*'f.csv' line 3, column 'a': 'x' is not a number*");
    }

    [Fact]
    public void An_unknown_column_name_lists_the_columns()
    {
        var act = () => CsvTable.FromRows(Rows("width,height\n1,2\n"), new CsvReadOptions { Label = "heigth" }, null, "f.csv");
        act.Should().Throw<CrucibleException>().WithMessage("*no column 'heigth'*width, height*");
    }

    [Fact]
    public void Ragged_rows_are_reported()
    {
        var act = () => CsvTable.FromRows(Rows("1,2,3\n1,2\n"), new CsvReadOptions(), null, "f.csv");
        act.Should().Throw<CrucibleException>().WithMessage("*line 2 has 2 fields*");
    }

    [Fact]
    public void Header_detection_tells_count_headers_names_and_data_apart()
    {
        CsvTable.DetectHeader(Rows("2,1,no,yes\n0.5,0\n0.7,1\n")).Should().Be(HeaderKind.Sklearn);
        CsvTable.DetectHeader(Rows("x,y\n1,2\n")).Should().Be(HeaderKind.Names);
        CsvTable.DetectHeader(Rows("1,2\n3,4\n")).Should().Be(HeaderKind.None);
    }
}
