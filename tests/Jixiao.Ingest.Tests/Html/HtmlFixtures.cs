namespace Jixiao.Ingest.Tests.Html;

/// <summary>
/// One small self-evaluation written by hand, as a government site would publish it: the heading and year outside the
/// tables, the form split over two tables with merged cells, and the same form as TAB-separated text (each merged cell
/// given in its first row and column) for the text reader to compare with.
/// </summary>
public static class HtmlFixtures
{
    /// <summary>The form as the text reader reads it: the rows of both tables, the merged cells' other positions empty.</summary>
    public const string Text =
        "财政项目支出绩效自评表\n" +
        "（2023年度）\n" +
        "项目名称\t综治中心事务\t\t\t\t\t\t\t\n" +
        "主管部门\t淞南镇主管单位\t\t\t实施单位\t上海市宝山区淞南镇城市运行管理中心\t\t\t\n" +
        "项目资金 (元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\t\n" +
        "\t年度资金总额\t500,000.00\t327,298.72\t327,298.72\t10\t100.00%\t10\t\n" +
        "\t其中：当年财政拨款\t500000\t327298.72\t327298.72\t—\t\t\t\n" +
        "\t上年结转资金\t0\t0\t\t—\t\t\t\n" +
        "\t其他资金\t0\t0\t\t—\t\t\t\n" +
        "年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t\t\n" +
        "\t进一步整合基层维稳力量，确保一方平安。\t\t\t基层维稳力量进一步整合，地区总体平稳。\t\t\t\t\n" +
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n" +
        "\t产出指标\t数量指标\t中心内设部门数\t=3个\t3\t30\t30\t\n" +
        "\t\t质量指标\t社会治安综合治理能力\t提升\t提升\t10\t8\t需优化管理架构\n" +
        "\t\t时效指标\t项目完成及时性\t及时\t及时\t10\t10\t\n" +
        "\t效益指标\t社会效益指标\t加强社区平安建设\t确保地区稳定\t较稳定\t30\t28\t加强宣传工作\n" +
        "\t满意度指标\t服务对象满意度指标\t平安建设满意度\t较高\t较高\t10\t8\t提高巡逻效率\n" +
        "总分\t\t\t\t\t\t100\t94\t\n";

    /// <summary>The form's first table (project, units, funds) with its merged cells.</summary>
    public const string FirstTable =
        """
        <table border="1">
        <tr><td>项目名称</td><td colspan="8">综治中心事务</td></tr>
        <tr><td>主管部门</td><td colspan="3">淞南镇主管单位</td><td>实施单位</td><td colspan="4">上海市宝山区淞南镇<br>城市运行管理中心</td></tr>
        <tr><td rowspan="5">项目资金&nbsp;(元)</td><td></td><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>分值</th><th>执行率</th><th>得分</th><td></td></tr>
        <tr><td>年度资金总额</td><td>500,000.00</td><td>327,298.72</td><td>327,298.72</td><td>10</td><td>100.00%</td><td>10</td><td></td></tr>
        <tr><td>其中：当年财政拨款</td><td>500000</td><td>327298.72</td><td>327298.72</td><td>—</td><td></td><td></td><td></td></tr>
        <tr><td>上年结转资金</td><td>0</td><td>0</td><td></td><td>—</td><td></td><td></td><td></td></tr>
        <tr><td>其他资金</td><td>0</td><td>0</td><td></td><td>—</td><td></td><td></td><td></td></tr>
        </table>
        """;

    /// <summary>The form's second table (goals, indicators, total) with its merged cells.</summary>
    public const string SecondTable =
        """
        <table border="1">
        <tbody>
        <tr><td rowspan="2">年度总体目标</td><td colspan="3">预期目标</td><td colspan="5">实际完成情况</td></tr>
        <tr><td colspan="3"><p>进一步整合基层维稳力量，</p><p>确保一方平安。</p></td><td colspan="5">基层维稳力量进一步整合，地区总体平稳。</td></tr>
        <tr><td rowspan="6">绩效指标</td><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th><th>偏差原因分析及改进措施</th></tr>
        <tr><td rowspan="3">产出指标</td><td>数量指标</td><td>中心内设部门数</td><td>=3个</td><td>3</td><td>30</td><td>30</td><td></td></tr>
        <tr><td>质量指标</td><td>社会治安综合治理能力</td><td>提升</td><td>提升</td><td>10</td><td>8</td><td>需优化管理架构</td></tr>
        <tr><td>时效指标</td><td>项目完成及时性</td><td>及时</td><td>及时</td><td>10</td><td>10</td><td></td></tr>
        <tr><td>效益指标</td><td>社会效益指标</td><td>加强社区平安建设</td><td>确保地区稳定</td><td>较稳定</td><td>30</td><td>28</td><td>加强宣传工作</td></tr>
        <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>平安建设满意度</td><td>较高</td><td>较高</td><td>10</td><td>8</td><td>提高巡逻效率</td></tr>
        <tr><td colspan="6">总分</td><td>100</td><td>94</td><td></td></tr>
        </tbody>
        </table>
        """;

    /// <summary>The bare page: the heading in an <c>&lt;h1&gt;</c>, the year in a <c>&lt;p&gt;</c>, then both tables.</summary>
    public static string Page(string charset = "utf-8") =>
        $"""
        <!DOCTYPE html>
        <html><head><meta charset="{charset}"><title>财政项目支出绩效自评表</title></head>
        <body>
        <h1>财政项目支出绩效自评表</h1>
        <p>（2023年度）</p>
        {FirstTable}
        <p>（续表）</p>
        {SecondTable}
        </body></html>
        """;

    /// <summary>
    /// The page as a government site serves it: navigation and breadcrumbs of links naming other forms, a script and a
    /// style holding a form's heading, a hidden block, and a layout table (a menu column beside the content) around the
    /// form's tables; a footer after them.
    /// </summary>
    public static string SitePage() =>
        $$"""
        <!DOCTYPE html>
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>2023年度财政项目支出绩效自评表</title>
        <style>.t:before{content:"财政项目支出绩效自评表"} td{border:1px solid #000}</style>
        <script>var title = "<table><tr><td>财政项目支出绩效自评表</td><td>x</td></tr></table>"; document.write(title);</script>
        </head>
        <body>
        <nav><a href="/">首页</a> <a href="/2022.html">2022年度财政项目支出绩效自评表</a></nav>
        <div class="crumbs"><a href="/">首页</a> &gt; <a href="/xxgk">信息公开</a> &gt; <a href="#">财政项目支出绩效自评表</a></div>
        <div style="display: none">财政项目支出绩效目标申报表</div>
        <div hidden><table><tr><td>项目名称</td><td>隐藏的项目</td></tr></table></div>
        <table width="100%" class="layout"><tr>
          <td class="menu" valign="top"><ul><li><a href="/a">部门预算</a></li><li><a href="/b">部门决算</a></li><li>政府采购</li></ul></td>
          <td class="content">
            <div class="article-title"><h1>财政项目支出绩效自评表</h1></div>
            <div class="info">发布时间：2024-05-20　来源：淞南镇</div>
            <p>（2023年度）</p>
            {{FirstTable}}
            <script>console.log("<tr><td>项目名称</td><td>脚本</td></tr>");</script>
            {{SecondTable}}
            <p>附件：无</p>
          </td>
        </tr></table>
        <footer><table><tr><td>版权所有：上海市宝山区人民政府</td></tr><tr><td>联系电话：021-00000000</td></tr></table></footer>
        <noscript>请启用脚本</noscript>
        </body></html>
        """;
}
